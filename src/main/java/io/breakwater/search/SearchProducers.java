package io.breakwater.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** CDI wiring of the plain search classes. */
@ApplicationScoped
public class SearchProducers {

    /**
     * The built-in registry, plus an optional operator file ({@code breakwater.search.extra-fields-file}) in
     * the same format that adds annotation fields or redefines built-in ones.
     */
    @Produces
    @ApplicationScoped
    FieldRegistry fieldRegistry(SearchConfig config) {
        Optional<String> extraFieldsFile = config.extraFieldsFile();
        if (extraFieldsFile.isEmpty() || extraFieldsFile.get().isBlank()) {
            return FieldRegistry.loadDefault();
        }
        try (InputStream builtIn = FieldRegistry.class.getClassLoader()
                .getResourceAsStream(FieldRegistry.DEFAULT_RESOURCE);
             InputStream extra = Files.newInputStream(Path.of(extraFieldsFile.get()))) {
            return FieldRegistry.load(java.util.List.of(builtIn, extra));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + extraFieldsFile.get(), e);
        }
    }

    @Produces
    @ApplicationScoped
    CrashIndexNames crashIndexNames(ElasticsearchConfig config) {
        return new CrashIndexNames(config.indexPrefix());
    }

    @Produces
    @ApplicationScoped
    CrashDocumentBuilder crashDocumentBuilder(FieldRegistry registry) {
        return new CrashDocumentBuilder(registry);
    }

    @Produces
    @ApplicationScoped
    CrashIndexWriter crashIndexWriter(ElasticsearchClient client, CrashIndexNames names) {
        return new CrashIndexWriter(client, names);
    }
}
