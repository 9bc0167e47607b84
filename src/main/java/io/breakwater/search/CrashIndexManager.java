package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Index template, alias and weekly-index bookkeeping. The template gives every {@code <prefix>-*} index the
 * registry's mapping and puts it in the {@code <prefix>} alias, so the alias always covers the live indices;
 * rotation deletes the weeks beyond retention.
 */
@ApplicationScoped
public class CrashIndexManager {

    private static final Logger LOG = Logger.getLogger(CrashIndexManager.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One crash index: name, first day covered, document count (-1 when unknown). */
    public record CrashIndex(String name, LocalDate firstDay, long docs, String storeSize) {
    }

    private final ElasticsearchClient client;
    private final FieldRegistry registry;
    private final CrashIndexNames names;
    private final int shards;
    private final int replicas;
    private final String refreshInterval;
    private final int retentionWeeks;
    private final String translogDurability;
    private volatile boolean templateReady;

    @Inject
    public CrashIndexManager(ElasticsearchClient client, FieldRegistry registry, CrashIndexNames names,
                             ElasticsearchConfig config) {
        this(client, registry, names, config.shards(), config.replicas(), config.refreshInterval(),
                config.retentionWeeks(), config.translogDurability());
    }

    public CrashIndexManager(ElasticsearchClient client, FieldRegistry registry, CrashIndexNames names, int shards,
                             int replicas, String refreshInterval, int retentionWeeks, String translogDurability) {
        this.client = client;
        this.registry = registry;
        this.names = names;
        this.shards = shards;
        this.replicas = replicas;
        this.refreshInterval = refreshInterval;
        this.retentionWeeks = retentionWeeks;
        if (!translogDurability.equals("request") && !translogDurability.equals("async")) {
            throw new IllegalArgumentException("breakwater.es.translog-durability must be request or async");
        }
        this.translogDurability = translogDurability;
    }

    public CrashIndexManager(ElasticsearchClient client, FieldRegistry registry, CrashIndexNames names, int shards,
                             int replicas, String refreshInterval, int retentionWeeks) {
        this(client, registry, names, shards, replicas, refreshInterval, retentionWeeks, "request");
    }

    void onStart(@Observes StartupEvent event) {
        // In the background so a slow search node does not hold up start-up.
        Thread.ofVirtual().name("search-template").start(() -> {
            try {
                ensureReady();
            } catch (RuntimeException e) {
                // Not fatal: the first indexing attempt or the backlog catch-up installs it later.
                LOG.warnf("search index template not installed yet: %s", e.getMessage());
            }
        });
    }

    public CrashIndexNames names() {
        return names;
    }

    public int retentionWeeks() {
        return retentionWeeks;
    }

    /** Installs the template once per process (and whenever it failed before). */
    public void ensureReady() {
        if (templateReady) {
            return;
        }
        synchronized (this) {
            if (!templateReady) {
                installTemplate();
                templateReady = true;
            }
        }
    }

    /** Puts the index template and adds any new registry fields to the existing crash indices. */
    public void installTemplate() {
        try {
            String body = MAPPER.writeValueAsString(templateBody());
            client.indices().putIndexTemplate(t -> t.name(names.templateName()).withJson(new StringReader(body)));
            List<String> existing = crashIndexNames();
            if (!existing.isEmpty()) {
                String mapping = MAPPER.writeValueAsString(mappings());
                try {
                    client.indices().putMapping(m -> m.index(existing).withJson(new StringReader(mapping)));
                } catch (IOException | RuntimeException e) {
                    if (EsErrors.isUnavailable(e)) {
                        throw e;
                    }
                    // A changed type cannot be applied in place; new weekly indices get it from the template.
                    LOG.warnf("could not update the mapping of existing crash indices: %s", EsErrors.reason(e));
                }
                client.indices().putAlias(a -> a.index(existing).name(names.alias()));
            }
        } catch (IOException | RuntimeException e) {
            if (EsErrors.isUnavailable(e)) {
                throw new SearchUnavailableException("cannot install search index template: " + EsErrors.reason(e), e);
            }
            throw new SearchConfigurationException("search index template rejected: " + EsErrors.reason(e), e);
        }
    }

    /** The composable index template, as sent to Elasticsearch. */
    public Map<String, Object> templateBody() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        settings.put("refresh_interval", refreshInterval);
        // A malformed number or date leaves that field out instead of rejecting the crash.
        settings.put("mapping.ignore_malformed", true);
        // "request" fsyncs every write before acknowledging it; "async" trades the last seconds on a node crash
        // (recoverable: rebuild from object storage) for much cheaper single-document writes.
        settings.put("translog.durability", translogDurability);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("settings", Map.of("index", settings));
        template.put("mappings", mappings());
        template.put("aliases", Map.of(names.alias(), Map.of()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index_patterns", List.of(names.wildcard()));
        body.put("priority", 200);
        body.put("template", template);
        body.put("_meta", Map.of("description", "Breakwater weekly crash indices (generated from search/fields.json)"));
        return body;
    }

    private Map<String, Object> mappings() {
        Map<String, Object> mappings = new LinkedHashMap<>();
        // Documents only carry registry fields; anything else is neither mapped nor indexed.
        mappings.put("dynamic", false);
        mappings.put("properties", registry.mappingProperties());
        return mappings;
    }

    /** Names of the existing crash indices, oldest first. */
    public List<String> crashIndexNames() {
        try {
            var response = client.indices().get(g -> g.index(names.wildcard()).allowNoIndices(true)
                    .ignoreUnavailable(true));
            return response.result().keySet().stream().filter(names::isCrashIndex).sorted().toList();
        } catch (IOException | RuntimeException e) {
            if (EsErrors.status(e) == 404) {
                return List.of();
            }
            throw new SearchUnavailableException("cannot list crash indices: " + EsErrors.reason(e), e);
        }
    }

    /** The crash indices with their first day and document counts, oldest first. */
    public List<CrashIndex> listIndices() {
        try {
            List<CrashIndex> result = new ArrayList<>();
            for (IndicesRecord r : client.cat().indices(c -> c.index(names.wildcard())).valueBody()) {
                if (r.index() == null || !names.isCrashIndex(r.index())) {
                    continue;
                }
                long docs = -1;
                try {
                    docs = r.docsCount() == null ? -1 : Long.parseLong(r.docsCount());
                } catch (NumberFormatException ignored) {
                    // leave unknown
                }
                result.add(new CrashIndex(r.index(), names.firstDay(r.index()).orElse(null), docs, r.storeSize()));
            }
            result.sort(Comparator.comparing(CrashIndex::name));
            return result;
        } catch (IOException | RuntimeException e) {
            if (EsErrors.status(e) == 404) {
                return List.of();
            }
            throw new SearchUnavailableException("cannot list crash indices: " + EsErrors.reason(e), e);
        }
    }

    /** Deletes crash indices whose whole week is older than the configured retention. */
    public List<String> deleteExpired() {
        return deleteOlderThan(retentionWeeks, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Deletes crash indices whose last day is more than {@code weeks} weeks before {@code today}.
     *
     * @return the deleted index names
     */
    public List<String> deleteOlderThan(int weeks, LocalDate today) {
        if (weeks < 1) {
            throw new IllegalArgumentException("retention must be at least one week");
        }
        LocalDate cutoff = today.minusWeeks(weeks);
        List<String> expired = new ArrayList<>();
        for (String index : crashIndexNames()) {
            names.endExclusive(index).filter(end -> !end.isAfter(cutoff)).ifPresent(end -> expired.add(index));
        }
        for (String index : expired) {
            try {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
                LOG.infof("deleted expired crash index %s", index);
            } catch (IOException | RuntimeException e) {
                throw new SearchUnavailableException("cannot delete " + index + ": " + EsErrors.reason(e), e);
            }
        }
        return expired;
    }

    /**
     * Creates the weekly index for {@code day} ahead of time (the template gives it mappings and the alias);
     * true when it was created, false when it existed.
     */
    public boolean createIndexFor(LocalDate day) {
        ensureReady();
        String index = names.indexFor(day);
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return false;
            }
            client.indices().create(c -> c.index(index));
            LOG.infof("created crash index %s ahead of time", index);
            return true;
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw new SearchUnavailableException("cannot create " + index + ": " + EsErrors.reason(e), e);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("cannot create " + index + ": " + EsErrors.reason(e), e);
        }
    }

    /** Makes everything written so far searchable (tests, reindexing). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(names.wildcard()).allowNoIndices(true).ignoreUnavailable(true));
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("cannot refresh crash indices: " + EsErrors.reason(e), e);
        }
    }
}
