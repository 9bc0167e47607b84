package io.breakwater.signaturerules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.processor.CrashProcessor;
import io.breakwater.processor.CrashWorkflow;
import io.breakwater.processor.DumpWalker;
import io.breakwater.processor.EngineSignatures;
import io.breakwater.processor.RuleSets;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.storage.CrashStorage;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The signature one stored crash would get from other lists: the processor's own
 * {@code regenerate_signature} rule set over the stored raw and processed crash, with nothing stored. Being
 * the same code as the reprocessing that an apply queues is what makes a preview's prediction exact.
 */
final class SignatureReplay {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** regenerate_signature never walks; a crash that would need a walk is not replayed. */
    private static final DumpWalker NO_WALK = dump -> {
        throw new IllegalStateException("a signature replay does not walk dumps");
    };

    private final CrashStorage storage;
    private final CrashProcessor processor;

    SignatureReplay(CrashStorage storage, SignatureGenerator candidate) {
        this.storage = storage;
        this.processor = new CrashProcessor(RuleSets.create(NO_WALK, new EngineSignatures(candidate)), Clock.systemUTC());
    }

    /** Old (stored) and new signature; empty when the crash has no processed crash with a stack walk. */
    Optional<SignatureListStore.Change> replay(String crashId) throws InterruptedException {
        JsonNode previous = storage.loadProcessedCrashBytes(crashId).map(SignatureReplay::tree).orElse(null);
        if (previous == null || !processor.effectiveRuleset(RuleSets.REGENERATE_SIGNATURE, previous)
                .equals(RuleSets.REGENERATE_SIGNATURE)) {
            return Optional.empty();
        }
        Optional<byte[]> rawBytes = storage.loadRawCrashBytes(crashId);
        if (rawBytes.isEmpty()) return Optional.empty();
        Map<String, Object> raw = CrashWorkflow.parseRawCrash(rawBytes.get(), new ArrayList<>());
        if (raw == null) return Optional.empty();
        CrashProcessor.Output output = processor.run(
                new CrashProcessor.Input(crashId, RuleSets.REGENERATE_SIGNATURE, raw, Map.of(), previous));
        return Optional.of(new SignatureListStore.Change(crashId, previous.path("signature").asText(""),
                output.processed().path("signature").asText("")));
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }
}
