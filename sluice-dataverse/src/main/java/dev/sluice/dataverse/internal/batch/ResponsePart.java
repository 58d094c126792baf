package dev.sluice.dataverse.internal.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One item of a {@code $batch} response: an HTTP message, or a change set's messages. Immutable.
 *
 * @param status the part's HTTP status (0 for a change set)
 * @param headers the part message's headers, names lower-cased (the MIME {@code Content-ID} included)
 * @param body the message body, empty when there is none
 * @param changeSet the messages of a change set, else empty
 */
public record ResponsePart(int status, Map<String, String> headers, byte[] body, List<ResponsePart> changeSet) {
    public ResponsePart {
        headers = Map.copyOf(headers);
        changeSet = List.copyOf(changeSet);
    }

    public boolean isChangeSet() {
        return status == 0;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
