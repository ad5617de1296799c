"""What responsive images cost a build: the variants of N photos made into an empty image cache
(cold), then asked for again (warm), as a build asks for them.

    python benchmarks/image_variants.py --images 20
    python benchmarks/image_variants.py --images 10 --avif   # and what AVIF would cost and save

Each photo is a seeded 1920x1080 JPEG (quality 90) of smooth shapes with grain, which compresses
like a photo (pure noise would not). Per photo, cold: the content digest, then
``make_variants`` (header check, one decode, a resize and a WebP encode per width); with
``--social``, also the 1200-px JPEG copy link previews get. Warm: the same calls with every file in
the cache (a rebuild after ``-E``, or in CI with the cache folder restored). Prints milliseconds per
photo, wall and processor time (the processor time does not drift with a shared machine's load),
and the bytes of the original and of each variant.

With ``--avif``: for each width, the AVIF that matches the WebP variant's PSNR against the same
resized image (the lowest quality that reaches it), its bytes and its encoding time next to the
WebP's.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

sys.path.insert(0, str(Path(__file__).parent.parent))

from sphinx_newsposts.build.image_variants import (  # noqa: E402
    REDUCING_GAP,
    WEBP_METHOD,
    WEBP_QUALITY,
    make_variants,
)


def noise_photo(seed: int, width: int, height: int) -> Image.Image:
    """Smooth shapes, a gradient and grain, from seeded noise."""
    rng = random.Random(seed)
    shapes = Image.frombytes("L", (width // 16, height // 16), rng.randbytes(width // 16 * (height // 16)))
    shapes = shapes.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.blend(shapes, Image.frombytes("L", (width, height), rng.randbytes(width * height)), 0.15)
    return Image.merge("RGB", (shapes, Image.linear_gradient("L").resize((width, height)), grain))


def _timed(work) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def file_digest(path: Path) -> str:
    """The content digest a build names an image's variants after."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:40]


def _variants_of(photos: list[Path], cache: Path, social: bool) -> tuple[list[float], list[float], list]:
    walls, cpus, records = [], [], []
    for photo in photos:
        wall, cpu, (record, _made) = _timed(lambda photo=photo: make_variants(photo, file_digest(photo), cache,
                                                                            social=social))
        walls.append(wall)
        cpus.append(cpu)
        records.append(record)
    return walls, cpus, records


def _psnr(a: Image.Image, b: Image.Image) -> float:
    squares = ImageStat.Stat(ImageChops.difference(a, b)).sum2
    mse = sum(squares) / (a.width * a.height * len(squares))
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def _encoded(image: Image.Image, image_format: str, **options) -> tuple[bytes, float]:
    buffer = io.BytesIO()
    started = time.process_time()
    image.save(buffer, image_format, **options)
    return buffer.getvalue(), (time.process_time() - started) * 1000


def compare_avif(photos: list[Path], widths: list[int]) -> None:
    print(f"\nAVIF against WebP q{WEBP_QUALITY} m{WEBP_METHOD}, at the WebP's PSNR (processor ms to encode, KB):")
    print("width | WebP KB | WebP ms | AVIF quality | AVIF KB | AVIF ms | AVIF saves")
    for width in widths:
        rows = []
        for photo in photos:
            with Image.open(photo) as original:
                original.load()
                height = round(original.height * width / original.width)
                resized = original.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
            webp, webp_ms = _encoded(resized, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
            target = _psnr(resized, Image.open(io.BytesIO(webp)).convert("RGB"))
            for quality in range(30, 96, 5):  # the lowest AVIF quality as good as the WebP
                avif, avif_ms = _encoded(resized, "AVIF", quality=quality)
                if _psnr(resized, Image.open(io.BytesIO(avif)).convert("RGB")) >= target:
                    break
            rows.append((len(webp), webp_ms, quality, len(avif), avif_ms))
        webp_kb, webp_ms, quality, avif_kb, avif_ms = (statistics.median(column) for column in zip(*rows, strict=True))
        print(f"{width} | {webp_kb / 1024:.1f} | {webp_ms:.0f} | {quality:.0f} | {avif_kb / 1024:.1f} | "
              f"{avif_ms:.0f} | {1 - avif_kb / webp_kb:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--social", action="store_true", help="also make the 1200-px JPEG for link previews")
    parser.add_argument("--avif", action="store_true", help="compare AVIF with WebP at equal PSNR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cache = root / "cache"
        cache.mkdir()
        photos = []
        for number in range(args.images):
            photo = root / f"photo-{number}.jpg"
            noise_photo(number, args.width, args.height).save(photo, quality=90)
            photos.append(photo)
        cold_wall, cold_cpu, records = _variants_of(photos, cache, args.social)
        warm_wall, warm_cpu, _records = _variants_of(photos, cache, args.social)
        print(f"{args.images} photos of {args.width}x{args.height}, JPEG q90, "
              f"median {statistics.median(p.stat().st_size for p in photos) / 1024:.0f} KB")
        print(f"cold: {statistics.median(cold_wall):.0f} ms per photo ({statistics.median(cold_cpu):.0f} ms of "
              f"processor time); warm: {statistics.median(warm_wall):.2f} ms ({statistics.median(warm_cpu):.2f} ms)")
        widths = list(records[0].widths)
        print("variant | median KB")
        for width in widths:
            sizes = [(cache / f"{record.key}.{width}w.webp").stat().st_size for record in records]
            print(f"{width}w WebP | {statistics.median(sizes) / 1024:.1f}")
        if args.social:
            sizes = [(cache / f"{record.key}.1200w.{record.social}").stat().st_size for record in records]
            print(f"1200w {records[0].social.upper()} (link previews) | {statistics.median(sizes) / 1024:.1f}")
        if args.avif:
            compare_avif(photos[: min(len(photos), 5)], widths)


if __name__ == "__main__":
    main()
