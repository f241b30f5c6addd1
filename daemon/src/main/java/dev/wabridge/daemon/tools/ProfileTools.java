package dev.wabridge.daemon.tools;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** get and update the profile and its picture. */
final class ProfileTools {
    private static final int MAX_IMAGE_BYTES = 5 << 20;
    private final Services s;

    ProfileTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("get_whatsapp_profile", call -> {
            long id = new Args(call.arguments()).longValue("session_id");
            Profile p = s.sessions().profile(id);
            return ToolResult.ok("Profile of session " + id + ": " + describe(p), Json.profile(id, p));
        });
        h.put("update_whatsapp_profile", call -> {
            Args a = new Args(call.arguments());
            long id = a.longValue("session_id");
            if (!a.has("name") && !a.has("status") && !a.has("description")) {
                throw new UserError("Nothing to update: pass name, status and/or description");
            }
            Profile p = s.sessions().updateProfile(id, new ProfileUpdate(a.string("name"), a.string("status"), a.string("description")));
            return ToolResult.ok("Updated profile of session " + id + ": " + describe(p), Json.profile(id, p));
        });
        h.put("update_whatsapp_profile_picture", call -> {
            Args a = new Args(call.arguments());
            long id = a.longValue("session_id");
            byte[] image = image(a);
            Profile p = s.sessions().updatePicture(id, ProfilePictures.toSquareJpeg(image));
            return ToolResult.ok("Changed the profile picture of session " + id, Json.profile(id, p));
        });
    }

    private static byte[] image(Args a) {
        if (a.has("image_base64") == a.has("file_path")) {
            throw new UserError("Pass either image_base64 or file_path");
        }
        if (a.has("image_base64")) {
            try {
                return Base64.getMimeDecoder().decode(a.string("image_base64"));
            } catch (IllegalArgumentException e) {
                throw new UserError("image_base64 is not valid base64");
            }
        }
        Path path;
        try {
            path = Path.of(a.string("file_path"));
        } catch (InvalidPathException e) {
            throw new UserError("file_path is not a valid path: " + e.getReason());
        }
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_IMAGE_BYTES) {
                throw new UserError("file_path must be an image file of at most 5 MiB readable by the daemon: " + path);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UserError("Cannot read " + path + ": " + e.getMessage());
        }
    }

    private static String describe(Profile p) {
        return "name " + quote(p.name()) + ", status " + quote(p.about()) + ", description " + quote(p.businessDescription())
                + (p.hasPicture() ? ", has a picture" : ", no picture");
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
