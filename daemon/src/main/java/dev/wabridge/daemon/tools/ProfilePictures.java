package dev.wabridge.daemon.tools;

import dev.wabridge.daemon.errors.UserError;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * WhatsApp profile pictures are square JPEGs (640x640 is what WhatsApp Web uploads). Any
 * JPEG/PNG/GIF/BMP the JDK can decode is centre-cropped to a square and scaled.
 */
final class ProfilePictures {
    static final int SIZE = 640;

    private ProfilePictures() {
    }

    static byte[] toSquareJpeg(byte[] image) {
        BufferedImage in;
        try {
            in = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            in = null;
        }
        if (in == null) {
            throw new UserError("The picture is not an image the daemon can read (use JPEG or PNG)");
        }
        int side = Math.min(in.getWidth(), in.getHeight());
        if (side < 32) {
            throw new UserError("The picture is too small (" + in.getWidth() + "x" + in.getHeight() + "); use at least 192x192");
        }
        int x = (in.getWidth() - side) / 2;
        int y = (in.getHeight() - side) / 2;
        int target = Math.min(SIZE, side);
        BufferedImage out = new BufferedImage(target, target, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, target, target, x, y, x + side, y + side, null);
        g.dispose();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpg", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        }
    }
}
