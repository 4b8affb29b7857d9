package dev.ringside.decoders.profile;

import dev.ringside.decoders.values.ValueException;

/** A profile that cannot be loaded: one line naming the file and the JSON path of the bad field. */
public final class ProfileException extends ValueException {
    public ProfileException(String source, String path, String message) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }
}
