"""Page geometry before recognition: perspective, lighting, borders, rotation, skew, 2-up.

Works on grey ``uint8`` images with OpenCV (installed with the OCR engine). Every step is
cheap next to recognition, so each runs on every page.
"""

from __future__ import annotations

import cv2
import numpy as np

#: Long side of the thumbnail used for skew estimates.
_THUMB = 1000
#: Long side of the image the text direction is judged on. A 2-up sheet is twice a
#: page wide, so at 1000 pixels its glyphs and rows are half a page's: the smear across
#: the rows then joins them and the upright sheet read as turned (blob ratio 0.4-0.6,
#: like a turned page's 0.3). At 2000 pixels upright pages and sheets give 3.4-25 and a
#: turned page 0.05 (the generated scans, photos and 2-up sheets).
_DIRECTION_SIDE = 2000


def grey(image: np.ndarray) -> np.ndarray:
    """A grey copy of an RGB/BGR/grey image."""
    if image.ndim == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return image


def _corners(quad: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    total = quad.sum(axis=1)
    diff = quad[:, 1] - quad[:, 0]
    picked = [quad[total.argmin()], quad[diff.argmin()], quad[total.argmax()], quad[diff.argmax()]]
    return np.array(picked, dtype=np.float32)


def page_quad(image: np.ndarray) -> np.ndarray | None:
    """The four corners (full-size pixels) of a bright sheet photographed on a darker
    surface, or None when no such sheet shows (a scan: the page fills the image)."""
    scale = _THUMB / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close the text and rulings into the sheet so that its outline is one contour.
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((25, 25), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    height, width = small.shape[:2]
    if not 0.4 * height * width < cv2.contourArea(sheet) < 0.97 * height * width:
        return None
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(quad) != 4:
        return None
    return _corners(quad.reshape(4, 2).astype(np.float32) / scale)


def unwarp(image: np.ndarray) -> np.ndarray:
    """A photographed sheet with its perspective (keystone) removed: the sheet's quad,
    found by contour, mapped onto an upright rectangle; other images unchanged."""
    corners = page_quad(image)
    if corners is None:
        return image
    top_left, top_right, bottom_right, bottom_left = corners
    width = int(
        max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    )
    height = int(
        max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    )
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
    )
    return np.asarray(flat, dtype=np.uint8)


def flatten_lighting(image: np.ndarray) -> np.ndarray:
    """Divide out uneven lighting (a photo's shading): the page background becomes white.

    The background (the paper without its ink) is estimated at a quarter of the size, where
    closing and blurring cost a sixteenth, and scaled back up: lighting varies slowly.
    """
    height, width = image.shape[:2]
    small = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    size = max(5, (min(small.shape[:2]) // 20) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), size / 2)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(image, np.maximum(background, 1), scale=255)
    return np.asarray(flat, dtype=np.uint8)


def trim_borders(image: np.ndarray) -> np.ndarray:
    """Cut dark scanner borders and the table around a photographed sheet."""
    dark = image < 80
    rows = dark.mean(axis=1)
    cols = dark.mean(axis=0)
    top = 0
    while top < len(rows) // 4 and rows[top] > 0.5:
        top += 1
    bottom = len(rows)
    while bottom > len(rows) * 3 // 4 and rows[bottom - 1] > 0.5:
        bottom -= 1
    left = 0
    while left < len(cols) // 4 and cols[left] > 0.5:
        left += 1
    right = len(cols)
    while right > len(cols) * 3 // 4 and cols[right - 1] > 0.5:
        right -= 1
    return image[top:bottom, left:right]


def _ink(image: np.ndarray, side: int = _THUMB) -> np.ndarray:
    scale = side / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def is_sideways(image: np.ndarray) -> bool:
    """Whether text runs vertically (the page is turned 90° or 270°).

    Smearing ink along text lines joins the glyphs of a line into long runs: the smear
    along the true text direction leaves far fewer connected blobs than across it.
    """
    ink = _ink(image, _DIRECTION_SIDE).astype(np.uint8)
    along = cv2.dilate(ink, np.ones((1, 9), np.uint8))
    across = cv2.dilate(ink, np.ones((9, 1), np.uint8))
    horizontal = cv2.connectedComponents(along)[0]
    vertical = cv2.connectedComponents(across)[0]
    return bool(vertical < horizontal * 0.7)


def skew_angle(image: np.ndarray) -> float:
    """The page's skew in degrees (±5°), from the long ruling lines or text rows."""
    ink = _ink(image).astype(np.uint8) * 255
    lines = cv2.HoughLinesP(
        ink, 1, np.pi / 1800, threshold=120, minLineLength=ink.shape[1] // 3, maxLineGap=8
    )
    angles = []
    for x0, y0, x1, y1 in lines.reshape(-1, 4) if lines is not None else ():
        angle = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
        if abs(angle) <= 5.5:
            angles.append(angle)
    if not angles:
        return 0.0
    return float(np.median(angles))


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate by ``degrees`` counter-clockwise about the centre, white fill, same size."""
    if abs(degrees) < 0.05:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )


def turn(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate by a multiple of 90° (counter-clockwise)."""
    return np.ascontiguousarray(np.rot90(image, quarter_turns % 4))


def is_two_up(image: np.ndarray) -> bool:
    """Whether a sheet is landscape: two logical pages printed side by side."""
    height, width = image.shape[:2]
    return bool(width > height * 1.15)


def _gutter(image: np.ndarray, low: int, high: int) -> int:
    """The centre of the widest run of the emptiest columns between ``low`` and ``high``."""
    band = image[:, low:high]
    ink = (band < 128).sum(axis=0)
    empty = ink <= ink.min() + 1
    best, best_length, start = (high - low) // 2, 0, None
    for index, flag in enumerate([*empty.tolist(), False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start > best_length:
                best, best_length = (start + index) // 2, index - start
            start = None
    return low + best


def halves(image: np.ndarray, footers: list[float] | None = None) -> list[np.ndarray]:
    """A landscape 2-up sheet as its left and right logical pages; a portrait page as is.

    ``footers``: the x centres of the sheet's two ``第N页，共M页`` footers, where read.
    Each footer is centred on its own page, so the gutter lies between them and each
    page reaches as far beyond its footer as the gutter is from it: a sheet scanned
    off-centre or with unequal margins is cut where its pages meet, not at the image's
    middle. Without footers the cut goes through the emptiest column near the middle.
    """
    width = image.shape[1]
    if not is_two_up(image):
        return [image]
    if footers is not None and len(footers) == 2:
        left_foot, right_foot = sorted(footers)
        reach = (right_foot - left_foot) / 6
        middle = (left_foot + right_foot) / 2
        cut = _gutter(image, int(middle - reach), int(middle + reach))
        start = max(0, int(2 * left_foot - cut))
        end = min(width, int(2 * right_foot - cut))
        return [image[:, start:cut], image[:, cut:end]]
    middle = width // 2
    cut = _gutter(image, middle - width // 10, middle + width // 10)
    return [image[:, :cut], image[:, cut:]]


def ruling_lines(
    binary: np.ndarray,
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling lines of a binarised page
    (ink = 255), found by morphological opening with long thin kernels."""
    height, width = binary.shape
    horizontal_kernel = np.ones((1, max(20, width // 25)), np.uint8)
    vertical_kernel = np.ones((max(12, height // 80), 1), np.uint8)
    found: list[list[tuple[int, int, int]]] = []
    for kernel, is_horizontal in ((horizontal_kernel, True), (vertical_kernel, False)):
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
        # Bridge the gaps that noise and JPEG leave in a rule.
        bridge = np.ones((1, 9), np.uint8) if is_horizontal else np.ones((9, 1), np.uint8)
        mask = cv2.dilate(mask, bridge)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        rules = []
        for x, y, w, h, _ in stats[1:count]:
            if is_horizontal and w >= width // 25 and h <= max(8, height // 150):
                rules.append((int(y + h // 2), int(x), int(x + w)))
            elif not is_horizontal and h >= vertical_kernel.shape[0] and w <= max(8, width // 100):
                rules.append((int(x + w // 2), int(y), int(y + h)))
        found.append(rules)
    return found[0], found[1]
