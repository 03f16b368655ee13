"""The OCR engine is built with the settings ``engine.TUNED`` names, not the defaults."""

from __future__ import annotations

from creditdiff.sources.ocr import engine


def _threads(session: object) -> int:
    options = session.session.get_session_options()  # type: ignore[attr-defined]
    return int(options.intra_op_num_threads)


def test_tuned_settings_reach_the_models() -> None:
    """Each tuned key arrives in the model it is for (rapidocr ignores unknown keys silently)."""
    tuned, default = engine.engine(True), engine.engine(False)
    assert tuned.text_rec.rec_batch_num == engine.TUNED["rec_batch_num"]
    assert default.text_rec.rec_batch_num != engine.TUNED["rec_batch_num"]
    for model in (tuned.text_det.infer, tuned.text_rec.session):
        assert _threads(model) == engine.TUNED["intra_op_num_threads"]


def test_every_tuned_key_is_one_rapidocr_reads() -> None:
    """No tuned key is a name the installed rapidocr does not know (it would be ignored)."""
    config = engine.engine(True)
    known = {"intra_op_num_threads", "inter_op_num_threads"}
    for key in engine.TUNED:
        if key.startswith("rec_"):
            assert hasattr(config.text_rec, key), key
        elif key.startswith("det_"):
            assert hasattr(config.text_det, key.removeprefix("det_")), key
        else:
            assert key in known, key
