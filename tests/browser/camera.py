"""A picture as the fake camera's film: Chromium plays a Y4M file as the camera's image."""

import io

from PIL import Image

WIDTH, HEIGHT = 640, 480


def film(path, png_bytes, frames=10):
    """Write ``png_bytes`` (e.g. a QR code), centred on white, as a Y4M video (4:2:0)."""
    code = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    code.thumbnail((HEIGHT - 40, HEIGHT - 40))
    picture = Image.new("RGB", (WIDTH, HEIGHT), "white")
    picture.paste(code, ((WIDTH - code.width) // 2, (HEIGHT - code.height) // 2))
    luma, blue, red = picture.convert("YCbCr").split()
    half = (WIDTH // 2, HEIGHT // 2)
    frame = b"FRAME\n" + luma.tobytes() + blue.resize(half).tobytes() + red.resize(half).tobytes()
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * frames)
