package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.metadata.MetadataClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link MetadataClient} answering from a map keyed by the URL's last path segment; a missing key is
 * HTTP 404, and with no answers at all every request is "no answer" (the service is not there).
 */
public final class FakeMetadata implements MetadataClient {
    private final Map<String, String> answers = new TreeMap<>();
    private final List<URI> requests = new ArrayList<>();

    public FakeMetadata answer(String key, String body) {
        answers.put(key, body);
        return this;
    }

    public Map<String, String> answers() {
        return Map.copyOf(answers);
    }

    @Override
    public synchronized String get(URI url, Duration timeout) throws MetadataException {
        requests.add(url);
        if (answers.isEmpty()) {
            throw new MetadataException("GET " + url + " got no answer within " + timeout.toMillis() + " ms", null);
        }
        String path = url.getPath();
        String body = answers.get(path.substring(path.lastIndexOf('/') + 1));
        if (body == null) {
            throw new MetadataException(404, "GET " + url + " answered HTTP 404");
        }
        return body;
    }

    public synchronized List<URI> requests() {
        return List.copyOf(requests);
    }
}
