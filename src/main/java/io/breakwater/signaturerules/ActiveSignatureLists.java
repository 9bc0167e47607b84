package io.breakwater.signaturerules;

import io.breakwater.processor.EngineSignatures;
import io.breakwater.processor.SignatureComputer;
import io.breakwater.signature.SignatureGenerator;
import io.breakwater.signature.SignatureListSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The signature lists in force: the newest activated version in PostgreSQL, or the configured lists
 * ({@code breakwater.signature.lists-dir} or the bundled ones) while none was ever activated. The processor's
 * {@link SignatureComputer} asks here for every crash, so an applied version is picked up without a restart:
 * the active version id is re-read at most every {@link #REFRESH}, and a generator is built once per version.
 */
@ApplicationScoped
public class ActiveSignatureLists {

    private static final Logger LOG = Logger.getLogger(ActiveSignatureLists.class);

    /** How stale another instance's view of the active version may be; an apply waits this long before queueing. */
    public static final Duration REFRESH = Duration.ofSeconds(2);

    /** The configured lists as version 0 (no activation yet). */
    public static final long CONFIGURED = 0;

    public record Current(long versionId, SignatureGenerator generator) {
    }

    @Inject
    SignatureListStore store;

    @Inject
    SignatureConfig config;

    private volatile Current current;
    private volatile long checkedAt;
    private volatile SignatureListSet configured;

    /** The lists operators configured for this server (what is in force until a version is applied). */
    public SignatureListSet configured() {
        SignatureListSet lists = configured;
        if (lists == null) {
            lists = config.listsDirectory().map(SignatureListSet::fromDirectory).orElseGet(SignatureListSet::defaults);
            configured = lists;
        }
        return lists;
    }

    /** A generator over {@code lists}, with this server's options; bad lists throw SignatureListException. */
    public SignatureGenerator generatorFor(SignatureListSet lists, String origin) {
        return new SignatureGenerator(lists.toLists(origin), config.options());
    }

    public Current current() {
        Current known = current;
        long now = System.nanoTime();
        if (known != null && now - checkedAt < REFRESH.toNanos()) return known;
        long versionId;
        try {
            versionId = store.active().map(SignatureListStore.Activation::versionId).orElse(CONFIGURED);
        } catch (RuntimeException e) {
            if (known != null) {
                // Keep signing with what we have; the next crash asks again.
                LOG.warnf("active signature lists not readable, keeping version %d: %s", known.versionId(), e.getMessage());
                return known;
            }
            versionId = CONFIGURED;
        }
        if (known == null || known.versionId() != versionId) {
            known = new Current(versionId, build(versionId));
            current = known;
            LOG.infof("signature lists in force: %s", versionId == CONFIGURED ? "configured lists" : "version " + versionId);
        }
        checkedAt = now;
        return known;
    }

    public SignatureGenerator generator() {
        return current().generator();
    }

    /** After an activation on this instance: re-read at the next crash. */
    public void invalidate() {
        checkedAt = 0;
    }

    private SignatureGenerator build(long versionId) {
        if (versionId == CONFIGURED) return generatorFor(configured(), "configured signature lists");
        SignatureListSet lists = store.version(versionId).map(SignatureListStore.Version::lists)
                .orElseThrow(() -> new IllegalStateException("active signature list version " + versionId + " is missing"));
        return generatorFor(lists, "signature list version " + versionId);
    }

    /** The processor's signature engine, over whichever lists are in force at each crash. */
    @Produces
    @ApplicationScoped
    SignatureComputer signatureComputer() {
        return (raw, processed) -> new EngineSignatures(generator()).compute(raw, processed);
    }
}
