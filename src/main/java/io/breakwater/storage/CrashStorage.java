package io.breakwater.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Crashes in object storage under Socorro's key layout ({@link CrashKeys}). A crash is written dumps
 * first, then the dump-name list, then the raw crash: a raw crash therefore never exists without its
 * dumps, and readers treat the raw crash as "this crash is complete".
 */
@ApplicationScoped
public class CrashStorage {

    private static final Logger LOG = Logger.getLogger(CrashStorage.class);
    private static final String JSON = "application/json";
    private static final String BINARY = "application/octet-stream";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    // Sorted keys give stable, diffable raw crash files (as Socorro writes them).
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;

    @Inject
    public CrashStorage(ObjectStore store) {
        this.store = store;
    }

    private String bucket() {
        return store.crashBucket();
    }

    /**
     * Stores every dump (streamed from its file), the dump-name list and finally the raw crash. On
     * failure, removes what it managed to write (best effort) and rethrows.
     */
    public void saveCrash(String crashId, Map<String, Object> rawCrash, Map<String, Path> dumps) {
        saveCrash(crashId, toJson(rawCrash), dumps);
    }

    public void saveCrash(String crashId, byte[] rawCrashJson, Map<String, Path> dumps) {
        CrashKeys.checkId(crashId);
        dumps.keySet().forEach(CrashKeys::checkDumpName);
        try {
            for (Map.Entry<String, Path> dump : dumps.entrySet()) {
                store.putFile(bucket(), CrashKeys.dump(crashId, dump.getKey()), dump.getValue(), BINARY);
            }
            store.put(bucket(), CrashKeys.dumpNames(crashId), toJson(new ArrayList<>(dumps.keySet())), JSON);
            store.put(bucket(), CrashKeys.rawCrash(crashId), rawCrashJson, JSON);
        } catch (RuntimeException e) {
            deleteCrashQuietly(crashId, dumps.keySet());
            throw e;
        }
    }

    /**
     * Removes a crash's raw crash (first, so it stops looking complete), dump list and dumps. Returns
     * false when something could not be removed; never throws.
     */
    public boolean deleteCrashQuietly(String crashId, Iterable<String> dumpNames) {
        boolean clean = true;
        List<String> keys = new ArrayList<>();
        keys.add(CrashKeys.rawCrash(crashId));
        keys.add(CrashKeys.dumpNames(crashId));
        for (String name : dumpNames) {
            keys.add(CrashKeys.dump(crashId, name));
        }
        for (String key : keys) {
            try {
                store.delete(bucket(), key);
            } catch (RuntimeException e) {
                clean = false;
                LOG.warnf("could not remove %s while cleaning up crash %s: %s", key, crashId, e.getMessage());
            }
        }
        return clean;
    }

    /** Removes the processed crash; true when nothing is left of it. */
    public boolean deleteProcessedCrash(String crashId) {
        try {
            store.delete(bucket(), CrashKeys.processedCrash(crashId));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("could not remove the processed crash %s: %s", crashId, e.getMessage());
            return false;
        }
    }

    public Optional<Map<String, Object>> loadRawCrash(String crashId) {
        return loadRawCrashBytes(crashId).map(CrashStorage::parseObject);
    }

    public Optional<byte[]> loadRawCrashBytes(String crashId) {
        return store.get(bucket(), CrashKeys.rawCrash(crashId));
    }

    public boolean rawCrashExists(String crashId) {
        return store.exists(bucket(), CrashKeys.rawCrash(crashId));
    }

    /** Names of the crash's dumps as recorded at submission; empty when the crash has none or is unknown. */
    public List<String> listDumps(String crashId) {
        return store.get(bucket(), CrashKeys.dumpNames(crashId)).map(bytes -> {
            try {
                return MAPPER.readValue(bytes, STRINGS);
            } catch (IOException e) {
                throw new StorageException("dump_names of " + crashId + " is not a JSON list", e);
            }
        }).orElse(List.of());
    }

    /** A stream over one dump (caller closes), or empty when it does not exist. */
    public Optional<InputStream> openDump(String crashId, String dumpName) {
        return store.open(bucket(), CrashKeys.dump(crashId, dumpName));
    }

    /** Copies one dump to {@code target}; false when the dump does not exist. */
    public boolean copyDumpTo(String crashId, String dumpName, Path target) {
        Optional<InputStream> in = openDump(crashId, dumpName);
        if (in.isEmpty()) {
            return false;
        }
        try (InputStream stream = in.get()) {
            Files.copy(stream, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new StorageException("could not copy dump " + dumpName + " of " + crashId, e);
        }
    }

    /** All dumps of a crash in memory; fine for tests and small dumps, use {@link #openDump} otherwise. */
    public Map<String, byte[]> loadDumps(String crashId) {
        Map<String, byte[]> dumps = new LinkedHashMap<>();
        for (String name : listDumps(crashId)) {
            store.get(bucket(), CrashKeys.dump(crashId, name)).ifPresent(bytes -> dumps.put(name, bytes));
        }
        return dumps;
    }

    public Optional<Long> dumpSize(String crashId, String dumpName) {
        return store.size(bucket(), CrashKeys.dump(crashId, dumpName));
    }

    public boolean dumpExists(String crashId, String dumpName) {
        return dumpSize(crashId, dumpName).isPresent();
    }

    public void saveProcessedCrash(String crashId, Map<String, Object> processedCrash) {
        saveProcessedCrash(crashId, toJson(processedCrash));
    }

    public void saveProcessedCrash(String crashId, byte[] processedCrashJson) {
        store.put(bucket(), CrashKeys.processedCrash(crashId), processedCrashJson, JSON);
    }

    public Optional<Map<String, Object>> loadProcessedCrash(String crashId) {
        return loadProcessedCrashBytes(crashId).map(CrashStorage::parseObject);
    }

    public Optional<byte[]> loadProcessedCrashBytes(String crashId) {
        return store.get(bucket(), CrashKeys.processedCrash(crashId));
    }

    public boolean processedCrashExists(String crashId) {
        return store.exists(bucket(), CrashKeys.processedCrash(crashId));
    }

    /** Ids of raw crashes received on one day ({@code yyyymmdd}), at most {@code max}. */
    public List<String> listRawCrashIds(String yyyymmdd, int max) {
        String prefix = CrashKeys.rawCrashDayPrefix(yyyymmdd);
        return store.list(bucket(), prefix, max).stream().map(key -> key.substring(prefix.length())).toList();
    }

    /** Ids of raw crashes received on one day, in id order, after {@code afterId} (null: from the start). */
    public List<String> listRawCrashIds(String yyyymmdd, int max, String afterId) {
        String prefix = CrashKeys.rawCrashDayPrefix(yyyymmdd);
        return store.list(bucket(), prefix, max, afterId == null ? null : prefix + afterId).stream()
                .map(key -> key.substring(prefix.length())).toList();
    }

    /** The days ({@code yyyymmdd}) that hold raw crashes, oldest first. */
    public List<String> listRawCrashDays(int max) {
        String root = "v1/raw_crash/";
        return store.listFolders(bucket(), root, max).stream()
                .map(folder -> folder.substring(root.length()).replace("/", ""))
                .filter(day -> day.matches("[0-9]{8}")).toList();
    }

    public static byte[] toJson(Object value) {
        try {
            return SortedJson.write(value, MAPPER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parseObject(byte[] json) {
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (IOException e) {
            throw new StorageException("stored crash document is not a JSON object", e);
        }
    }
}
