package dev.sluice.emulator.internal.batch;

import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.HeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and checks a whole {@code $batch} request body before anything runs, so a malformed batch
 * changes nothing (fact sheet §D.1). Not thread-safe; use one instance per request.
 */
final class BatchRequestReader {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String HTTP_VERSION = "HTTP/1.1";

    private int operations;

    private BatchRequestReader() {}

    /** The batch's items in order; any problem is a 400 that names it. */
    static List<BatchItem> read(ApiRequest request) {
        return new BatchRequestReader().items(request);
    }

    private List<BatchItem> items(ApiRequest request) {
        String contentType = request.headers().first("Content-Type");
        if (!MultipartReader.isMultipartMixed(contentType)) {
            throw BatchErrors.badRequest("A $batch request must have the Content-Type 'multipart/mixed; "
                    + "boundary=batch_<id>'; this one has "
                    + (contentType == null ? "none" : "'" + MultipartReader.mediaType(contentType) + "'") + ".");
        }
        String boundary = MultipartReader.boundary(contentType);
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        List<BatchItem> items = new ArrayList<>();
        for (MimePart part : MultipartReader.split(body, boundary, "batch")) {
            String type = contentType(part);
            if (MultipartReader.isMultipartMixed(type)) {
                items.add(changeSet(part, type));
            } else {
                items.add(operation(part, type, null));
            }
        }
        return items;
    }

    private ChangeSet changeSet(MimePart part, String type) {
        String boundary = MultipartReader.boundary(type);
        Set<String> declared = new HashSet<>();
        List<BatchOperation> ops = new ArrayList<>();
        for (MimePart inner : MultipartReader.split(part.content(), boundary, "change set")) {
            String innerType = contentType(inner);
            if (MultipartReader.isMultipartMixed(innerType)) {
                throw BatchErrors.badRequest("Nested change sets in a batch payload are not supported.");
            }
            ops.add(operation(inner, innerType, declared));
        }
        return new ChangeSet(ops);
    }

    /** {@code declared}: Content-IDs declared so far in the enclosing change set, or null outside one. */
    private BatchOperation operation(MimePart part, String type, Set<String> declared) {
        int number = ++operations;
        if (number > DataverseHeaders.MAX_BATCH_REQUESTS) {
            // Dataverse's wording, observed (MicrosoftDocs/powerapps-docs#1890)
            throw BatchErrors.badRequest("The current batch message contains too many parts. Only batch messages "
                    + "with a maximum number of '" + DataverseHeaders.MAX_BATCH_REQUESTS
                    + "' query operations, including changeset operations, are allowed.");
        }
        if (!MultipartReader.mediaType(type).equals("application/http")) {
            throw BatchErrors.badRequest("The 'Content-Type' header value '" + MultipartReader.shorten(type)
                    + "' of batch part " + number + " is invalid. When this is the start of the change set, the "
                    + "value must be 'multipart/mixed'; otherwise it must be 'application/http'.");
        }
        String encoding = part.headers().first("Content-Transfer-Encoding");
        if (encoding == null || !encoding.equalsIgnoreCase("binary")) {
            throw BatchErrors.badRequest("A missing or invalid 'Content-Transfer-Encoding' header was found in "
                    + "batch part " + number + ". The 'Content-Transfer-Encoding' header must be specified for each "
                    + "batch operation, and its value must be 'binary'.");
        }
        String requestLine = MultipartReader.utf8(firstLine(part.content()));
        MimePart embedded = MultipartReader.part(afterFirstLine(withoutLeadingBlankLines(part.content())));
        HeaderMap headers = embedded.headers();
        String method = method(requestLine, number, declared != null);
        String url = url(requestLine);
        String contentId = part.headers().first("Content-ID");
        if (contentId == null) {
            contentId = headers.first("Content-ID");
        }
        byte[] body = embedded.content().isBlank() ? new byte[0] : embedded.contentBytes();
        checkReferences(url, body, declared);
        if (ContentIdReferences.inUrl(url) == null) {
            PartUrl target = PartUrl.parse(url, number);
            if (target.path().startsWith("$batch")) {
                throw BatchErrors.badRequest("Batch operation " + number + " is a $batch request; a batch request "
                        + "can't contain other batch requests.");
            }
        }
        if (contentId != null && declared != null && !declared.add(contentId)) {
            throw BatchErrors.badRequest("The content ID '" + contentId + "' was found more than once in the same "
                    + "change set. Content IDs have to be unique across all operations of a change set.");
        }
        return new BatchOperation(number, method, url, headers, body, contentId);
    }

    private static void checkReferences(String url, byte[] body, Set<String> declared) {
        List<String> ids = new ArrayList<>(ContentIdReferences.inBody(body));
        String inUrl = ContentIdReferences.inUrl(url);
        if (inUrl != null) {
            ids.add(0, inUrl);
        }
        for (String id : ids) {
            if (declared == null || !declared.contains(id)) {
                throw BatchErrors.unknownContentId(id);
            }
        }
    }

    /** Checks {@code METHOD URL HTTP/1.1} as OData's batch reader does; returns the method. */
    private static String method(String line, int number, boolean inChangeSet) {
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last <= first + 1 || last == line.length() - 1) {
            throw BatchErrors.badRequest("The request line '" + MultipartReader.shorten(line) + "' of batch operation "
                    + number + " is invalid. The request line at the start of each operation must be of the format "
                    + "'HttpMethod RequestUrl HttpVersion'.");
        }
        String version = line.substring(last + 1);
        if (!version.equals(HTTP_VERSION)) {
            throw BatchErrors.badRequest("The HTTP version '" + MultipartReader.shorten(version) + "' used in batch "
                    + "operation " + number + " is not valid. The value must be '" + HTTP_VERSION + "'.");
        }
        String method = line.substring(0, first);
        if (!METHODS.contains(method)) {
            throw BatchErrors.badRequest("The HTTP method '" + MultipartReader.shorten(method) + "' of batch "
                    + "operation " + number + " is invalid; the HTTP method must be 'GET', 'POST', 'PUT', 'PATCH' "
                    + "or 'DELETE'" + (METHODS.contains(method.toUpperCase(Locale.ROOT)) ? " (upper case)" : "")
                    + ".");
        }
        if (inChangeSet && method.equals("GET")) {
            throw BatchErrors.badRequest("An invalid HTTP method 'GET' was detected for a request in a change set "
                    + "(batch operation " + number + "). Requests in change sets only support the HTTP methods "
                    + "'POST', 'PUT', 'DELETE', and 'PATCH'.");
        }
        return method;
    }

    private static String url(String line) {
        return line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' ')).trim();
    }

    private static String contentType(MimePart part) {
        String type = part.headers().first("Content-Type");
        if (type == null || type.isBlank()) {
            throw BatchErrors.badRequest("The 'Content-Type' header is missing. The 'Content-Type' header must be "
                    + "specified for each MIME part of a batch message.");
        }
        return type;
    }

    private static String withoutLeadingBlankLines(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
        return s.substring(i);
    }

    private static String firstLine(String content) {
        String s = withoutLeadingBlankLines(content);
        int eol = s.indexOf('\n');
        String line = eol < 0 ? s : s.substring(0, eol);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String afterFirstLine(String s) {
        int eol = s.indexOf('\n');
        return eol < 0 ? "" : s.substring(eol + 1);
    }
}
