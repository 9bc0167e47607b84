package io.breakwater.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code signature_first_seen} table and the backfill job's progress row. */
@ApplicationScoped
public class SignatureFirstSeenStore {

    /** Signatures per {@link #find} call; the API bounds its requests to this. */
    public static final int MAX_LOOKUP = 1000;

    // Writes only when something moves earlier, so re-recording known crashes costs a lookup, not a row version.
    private static final String UPSERT = """
            INSERT INTO signature_first_seen AS s (signature, first_date, first_build) VALUES (?, ?, ?)
            ON CONFLICT (signature) DO UPDATE SET
                first_date = LEAST(s.first_date, EXCLUDED.first_date),
                first_build = LEAST(s.first_build, EXCLUDED.first_build),
                updated_at = now()
            WHERE EXCLUDED.first_date < s.first_date
               OR (EXCLUDED.first_build IS NOT NULL AND (s.first_build IS NULL OR EXCLUDED.first_build < s.first_build))
            """;

    private final DataSource dataSource;

    @Inject
    public SignatureFirstSeenStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records sightings; returns how many signatures were added or moved earlier. Duplicates are merged
     * first and rows are written in signature order, so concurrent writers cannot deadlock.
     */
    public int record(Collection<SignatureFirstSeen> sightings) {
        TreeMap<String, SignatureFirstSeen> merged = new TreeMap<>();
        for (SignatureFirstSeen s : sightings) {
            if (SignatureFirstSeen.storable(s.signature())) merged.merge(s.signature(), s, SignatureFirstSeen::merge);
        }
        if (merged.isEmpty()) return 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (SignatureFirstSeen s : merged.values()) {
                    ps.setString(1, s.signature());
                    ps.setObject(2, OffsetDateTime.ofInstant(s.firstDate(), ZoneOffset.UTC));
                    if (s.firstBuild() == null) ps.setNull(3, Types.BIGINT); else ps.setLong(3, s.firstBuild());
                    ps.addBatch();
                }
                int changed = 0;
                for (int n : ps.executeBatch()) changed += Math.max(n, 0);
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record signature first-seen dates: " + e.getMessage(), e);
        }
    }

    /** The known signatures among {@code signatures}, in the order asked. */
    public List<SignatureFirstSeen> find(Collection<String> signatures) {
        if (signatures.isEmpty()) return List.of();
        if (signatures.size() > MAX_LOOKUP) throw new IllegalArgumentException("at most " + MAX_LOOKUP + " signatures");
        Map<String, SignatureFirstSeen> found = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT signature, first_date, first_build FROM signature_first_seen WHERE signature = ANY (?)")) {
            Array array = c.createArrayOf("text", signatures.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long build = rs.getLong(3);
                    Long firstBuild = rs.wasNull() ? null : build;
                    String signature = rs.getString(1);
                    found.put(signature, new SignatureFirstSeen(signature,
                            rs.getObject(2, OffsetDateTime.class).toInstant(), firstBuild));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read signature first-seen dates: " + e.getMessage(), e);
        }
        List<SignatureFirstSeen> ordered = new ArrayList<>();
        for (String s : signatures) {
            SignatureFirstSeen row = found.remove(s);
            if (row != null) ordered.add(row);
        }
        return ordered;
    }

    /** Where the backfill job stopped: crashes submitted before this were swept. */
    public Optional<Instant> sweptUntil() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT swept_until FROM signature_first_seen_sweep WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the first-seen sweep progress: " + e.getMessage(), e);
        }
    }

    public void saveSweptUntil(Instant until) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO signature_first_seen_sweep (id, swept_until) VALUES (1, ?)
                     ON CONFLICT (id) DO UPDATE SET swept_until = EXCLUDED.swept_until, updated_at = now()
                     """)) {
            ps.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the first-seen sweep progress: " + e.getMessage(), e);
        }
    }

    /** Forgets the sweep progress (the next run sweeps everything indexed). */
    public void resetSweep() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM signature_first_seen_sweep")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the first-seen sweep progress: " + e.getMessage(), e);
        }
    }
}
