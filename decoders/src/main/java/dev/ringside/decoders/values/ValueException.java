package dev.ringside.decoders.values;

/** A value the user typed that does not parse: the message is one line meant for the user. */
public class ValueException extends IllegalArgumentException {
    public ValueException(String message) {
        super(message);
    }
}
