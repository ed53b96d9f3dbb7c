package jaio.kernel.session;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * An image to show, after IPython's {@code Image}: from a {@code BufferedImage} (sent as PNG), from
 * bytes (PNG, JPEG or GIF, told by their first bytes), from a file (bytes, or SVG text) or from a
 * URL (shown by the frontend, not downloaded). {@link #width} and {@link #height} set the size the
 * frontend draws it at.
 */
public final class ImageValue implements Renderable {
    private final String mime;
    private final String data;
    private final String url;
    private Integer width;
    private Integer height;

    private ImageValue(String mime, String data, String url) {
        this.mime = mime;
        this.data = data;
        this.url = url;
    }

    /** The MIME type of image bytes (PNG, JPEG, GIF), or null when they are none of those. */
    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        return null;
    }

    static ImageValue of(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes(out.toByteArray());
    }

    /** Image bytes; fails with a clear message when they are not PNG, JPEG or GIF. */
    static ImageValue bytes(byte[] b) {
        String mime = sniff(b);
        if (mime == null) {
            throw new IllegalArgumentException("not a PNG, JPEG or GIF image (" + b.length + " bytes): use display(bytes, mime) for other types");
        }
        return new ImageValue(mime, Base64.getEncoder().encodeToString(b), null);
    }

    static ImageValue file(Path file) {
        try {
            if (file.getFileName().toString().toLowerCase().endsWith(".svg")) {
                return new ImageValue("image/svg+xml", Files.readString(file, StandardCharsets.UTF_8), null);
            }
            return bytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + file.toAbsolutePath(), e);
        }
    }

    static ImageValue url(URI url) {
        return new ImageValue(null, null, url.toString());
    }

    /** Draws it {@code pixels} wide (and as high as the aspect ratio says, unless {@link #height} is set). */
    public ImageValue width(int pixels) {
        this.width = pixels;
        return this;
    }

    public ImageValue height(int pixels) {
        this.height = pixels;
        return this;
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        if (url != null) {
            bundle.put("text/html", "<img src=\"" + url.replace("\"", "&quot;") + "\""
                    + (width != null ? " width=\"" + width + "\"" : "") + (height != null ? " height=\"" + height + "\"" : "") + "/>");
        } else {
            bundle.put(mime, data);
        }
        bundle.put("text/plain", toString());
        return bundle;
    }

    @Override
    public Map<String, Object> metadata() {
        if (mime == null || (width == null && height == null)) {
            return Map.of();
        }
        Map<String, Object> size = new LinkedHashMap<>();
        if (width != null) {
            size.put("width", width);
        }
        if (height != null) {
            size.put("height", height);
        }
        return Map.of(mime, size);
    }

    @Override
    public String toString() {
        return url != null ? "<Image " + url + ">" : "<" + mime + " image>";
    }
}
