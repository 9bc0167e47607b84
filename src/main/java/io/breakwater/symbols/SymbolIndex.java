package io.breakwater.symbols;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed, immutable index of one Breakpad symbol file: sorted primitive arrays plus one byte pool for
 * all names, rules and programs. Every lookup is a binary search; it allocates only its result.
 *
 * <p>Conflict rules (all applied at build time, documented in {@link BreakpadSymbolParser}): among FUNC,
 * line (within one FUNC), STACK CFI INIT and same-depth INLINE ranges that overlap, the record earlier in
 * the file wins; STACK WIN records may nest but not partially overlap or repeat, again the earlier wins;
 * among PUBLIC records at one address the first wins. Ranges of size zero are ignored.
 *
 * <p>When the file had no MODULE record, {@link #module()} has empty strings.
 */
public final class SymbolIndex implements ModuleSymbols {

    /** Name Breakpad reports for an INLINE whose INLINE_ORIGIN is missing. */
    public static final String OMITTED_NAME = "<name omitted>";

    static final byte FLAG_MULTIPLE = 1;
    /** Marks an INLINE record of the old form, which has no call-site file. */
    static final int NO_CALL_FILE = -1;

    private final ModuleId module;
    private final String codeId;
    private final String codeFile;
    private final StringPool pool;
    private final IdTable files;
    private final IdTable origins;  // value: name ref; aux: file id of the old form, or -1

    private final long[] funcAddr;
    private final PackedInts funcSize;
    private final PackedInts funcParam;
    private final int[] funcName;
    private final byte[] funcFlags;
    private final int[] funcLineStart;
    private final int[] lineRel;
    private final PackedInts lineSize;
    private final PackedInts lineNo;
    private final PackedInts lineFile;
    private final int[] funcInlineStart;
    private final int[] inlRel;
    private final PackedInts inlSize;
    private final PackedInts inlDepth;
    private final PackedInts inlCallLine;
    private final PackedInts inlCallFile;
    private final PackedInts inlOrigin;

    private final long[] pubAddr;
    private final PackedInts pubParam;
    private final int[] pubName;
    private final byte[] pubFlags;

    /**
     * Rule sets built so far, by STACK CFI INIT record and number of deltas applied: the same functions'
     * frames recur in every thread and crash, so each set's text is split and joined once. Small and
     * bounded per module (it starts over when full), as thousands of modules may be loaded.
     */
    private static final int CFI_CACHE_LIMIT = 256;
    private static final CfiRules NO_CFI = new CfiRules(Map.of());
    private final Map<Long, CfiRules> cfiCache = new ConcurrentHashMap<>();

    private final long[] cfiAddr;
    private final PackedInts cfiSize;
    private final int[] cfiRules;
    private final int[] cfiDeltaStart;
    private final PackedInts deltaRel;
    private final int[] deltaRules;

    private final WinTable frameData;
    private final WinTable fpo;
    private final SymbolStats stats;

    SymbolIndex(Builder b) {
        module = b.module;
        codeId = b.codeId;
        codeFile = b.codeFile;
        pool = b.pool;
        files = b.files;
        origins = b.origins;
        funcAddr = b.funcAddr;
        funcSize = PackedInts.of(b.funcSize);
        funcParam = PackedInts.of(b.funcParam);
        funcName = b.funcName;
        funcFlags = b.funcFlags;
        funcLineStart = b.funcLineStart;
        lineRel = b.lineRel;
        lineSize = PackedInts.of(b.lineSize);
        lineNo = PackedInts.of(b.lineNo);
        lineFile = PackedInts.of(b.lineFile);
        funcInlineStart = b.funcInlineStart;
        inlRel = b.inlRel;
        inlSize = PackedInts.of(b.inlSize);
        inlDepth = PackedInts.of(b.inlDepth);
        inlCallLine = PackedInts.of(b.inlCallLine);
        inlCallFile = PackedInts.of(shiftUp(b.inlCallFile));
        inlOrigin = PackedInts.of(b.inlOrigin);
        pubAddr = b.pubAddr;
        pubParam = PackedInts.of(b.pubParam);
        pubName = b.pubName;
        pubFlags = b.pubFlags;
        cfiAddr = b.cfiAddr;
        cfiSize = PackedInts.of(b.cfiSize);
        cfiRules = b.cfiRules;
        cfiDeltaStart = b.cfiDeltaStart;
        deltaRel = PackedInts.of(b.deltaRel);
        deltaRules = b.deltaRules;
        frameData = b.frameData;
        fpo = b.fpo;
        stats = b.stats;
    }

    /** Call-site file ids are stored plus one so the old form's -1 packs into 16 bits. */
    private static int[] shiftUp(int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            ids[i]++;
        }
        return ids;
    }

    /** Everything the constructor needs; filled by the parser. */
    static final class Builder {
        ModuleId module;
        String codeId;
        String codeFile;
        StringPool pool;
        IdTable files;
        IdTable origins;
        long[] funcAddr;
        int[] funcSize;
        int[] funcParam;
        int[] funcName;
        byte[] funcFlags;
        int[] funcLineStart;
        int[] lineRel;
        int[] lineSize;
        int[] lineNo;
        int[] lineFile;
        int[] funcInlineStart;
        int[] inlRel;
        int[] inlSize;
        int[] inlDepth;
        int[] inlCallLine;
        int[] inlCallFile;
        int[] inlOrigin;
        long[] pubAddr;
        int[] pubParam;
        int[] pubName;
        byte[] pubFlags;
        long[] cfiAddr;
        int[] cfiSize;
        int[] cfiRules;
        int[] cfiDeltaStart;
        int[] deltaRel;
        int[] deltaRules;
        WinTable frameData;
        WinTable fpo;
        SymbolStats stats;
    }

    /** STACK WIN records of one type, nested ranges in (start asc, end desc) order with parent links. */
    static final class WinTable {
        final long[] addr;
        final int[] size;
        final int[] parent;
        final int[] prolog;
        final int[] epilog;
        final int[] param;
        final int[] savedRegs;
        final int[] locals;
        final int[] maxStack;
        final int[] program;     // pool ref, or -1 when the record carries allocatesBasePointer
        final byte[] allocatesBasePointer;
        final int type;

        WinTable(int type, long[] addr, int[] size, int[] parent, int[] prolog, int[] epilog, int[] param,
                 int[] savedRegs, int[] locals, int[] maxStack, int[] program, byte[] allocatesBasePointer) {
            this.type = type;
            this.addr = addr;
            this.size = size;
            this.parent = parent;
            this.prolog = prolog;
            this.epilog = epilog;
            this.param = param;
            this.savedRegs = savedRegs;
            this.locals = locals;
            this.maxStack = maxStack;
            this.program = program;
            this.allocatesBasePointer = allocatesBasePointer;
        }

        int find(long offset) {
            int i = floor(addr, offset);
            while (i >= 0) {
                if (offset - addr[i] < Integer.toUnsignedLong(size[i])) {
                    return i;
                }
                i = parent[i];
            }
            return -1;
        }

        int count() {
            return addr.length;
        }

        long estimatedBytes() {
            return 200L + 8L * addr.length + 4L * 9 * addr.length + allocatesBasePointer.length;
        }
    }

    // ---------------------------------------------------------------- ModuleSymbols

    @Override
    public ModuleId module() {
        return module;
    }

    /** The INFO CODE_ID value, or null. */
    public String codeId() {
        return codeId;
    }

    /** The file name that may follow the code id in INFO CODE_ID, or null. */
    public String codeFile() {
        return codeFile;
    }

    @Override
    public FunctionHit function(long offset) {
        int f = functionIndex(offset);
        return f < 0 ? null : functionAt(f);
    }

    @Override
    public LineHit line(long offset) {
        int f = functionIndex(offset);
        if (f < 0) {
            return null;
        }
        int k = lineIndex(f, offset - funcAddr[f]);
        if (k < 0) {
            return null;
        }
        return new LineHit(fileName(lineFile.get(k)), lineNo.get(k), funcAddr[f] + lineRel[k],
                Integer.toUnsignedLong(lineSize.get(k)));
    }

    @Override
    public List<InlineHit> inlines(long offset) {
        int f = functionIndex(offset);
        if (f < 0 || funcInlineStart[f] == funcInlineStart[f + 1]) {
            return List.of();
        }
        long rel = offset - funcAddr[f];
        int end = funcInlineStart[f + 1];
        int pos = funcInlineStart[f];
        List<InlineHit> hits = null;
        int previous = -1;
        for (int depth = 0; pos < end; depth++) {
            int from = lowerBoundDepth(pos, end, depth);
            int to = lowerBoundDepth(from, end, depth + 1);
            if (from == to) {
                break;
            }
            int k = floorRel(inlRel, from, to, rel);
            if (k < 0 || rel - inlRel[k] >= Integer.toUnsignedLong(inlSize.get(k))) {
                break;
            }
            if (hits == null) {
                hits = new ArrayList<>(4);
            }
            hits.add(new InlineHit(depth, originName(inlOrigin.get(k)), callFile(k, previous, f, rel),
                    inlCallLine.get(k), funcAddr[f] + inlRel[k], Integer.toUnsignedLong(inlSize.get(k))));
            previous = k;
            pos = to;
        }
        return hits == null ? List.of() : hits;
    }

    @Override
    public PublicHit publicSymbol(long offset) {
        int p = floor(pubAddr, offset);
        return p < 0 ? null : publicAt(p);
    }

    /**
     * The PUBLIC record Breakpad's resolver names a frame after when no FUNC covers {@code offset}: the
     * nearest one at or below the offset, provided it lies above the start of the nearest FUNC below the
     * offset (otherwise that FUNC, which ended before the offset, is the better bound and there is no
     * name). Null when a FUNC covers the offset.
     */
    public PublicHit publicSymbolFallback(long offset) {
        if (functionIndex(offset) >= 0) {
            return null;
        }
        int p = floor(pubAddr, offset);
        if (p < 0) {
            return null;
        }
        int f = floor(funcAddr, offset);
        if (f >= 0 && pubAddr[p] <= funcAddr[f]) {
            return null;
        }
        return publicAt(p);
    }

    @Override
    public CfiRules cfi(long offset) {
        int i = floor(cfiAddr, offset);
        if (i < 0 || offset - cfiAddr[i] >= Integer.toUnsignedLong(cfiSize.get(i))) {
            return null;
        }
        long rel = offset - cfiAddr[i];
        int start = cfiDeltaStart[i];
        int end = cfiDeltaStart[i + 1];
        int applied = start;
        while (applied < end && deltaRel.get(applied) <= rel) {
            applied++;
        }
        long key = ((long) i << 32) | (applied - start);
        CfiRules cached = cfiCache.get(key);
        if (cached != null) {
            return cached == NO_CFI ? null : cached;
        }
        CfiRules built = buildCfi(i, start, applied);
        if (cfiCache.size() >= CFI_CACHE_LIMIT) {
            cfiCache.clear();
        }
        cfiCache.put(key, built == null ? NO_CFI : built);
        return built;
    }

    private CfiRules buildCfi(int record, int fromDelta, int toDelta) {
        Map<String, String> rules = new LinkedHashMap<>();
        if (!CfiRuleText.apply(pool, cfiRules[record], rules)) {
            return null; // Breakpad rejects an INIT record whose rules do not parse
        }
        for (int k = fromDelta; k < toDelta; k++) {
            CfiRuleText.apply(pool, deltaRules[k], rules);
        }
        return new CfiRules(Collections.unmodifiableMap(rules));
    }

    @Override
    public WinFrameInfo winFrame(long offset) {
        if (offset < 0) {
            return null;
        }
        int k = frameData.find(offset);
        if (k >= 0) {
            return winAt(frameData, k);
        }
        k = fpo.find(offset);
        return k >= 0 ? winAt(fpo, k) : null;
    }

    /**
     * The innermost STACK WIN record of one type (4 = FRAME_DATA or 0 = FPO) covering {@code offset}, or
     * null; other types are not kept.
     */
    public WinFrameInfo winFrameOfType(long offset, int type) {
        WinTable t = type == 4 ? frameData : type == 0 ? fpo : null;
        if (t == null || offset < 0) {
            return null;
        }
        int k = t.find(offset);
        return k < 0 ? null : winAt(t, k);
    }

    // ---------------------------------------------------------------- bulk access and statistics

    public int functionCount() {
        return funcAddr.length;
    }

    /** The {@code i}-th FUNC in address order. */
    public FunctionHit functionAt(int i) {
        return new FunctionHit(pool.get(funcName[i]), funcAddr[i], Integer.toUnsignedLong(funcSize.get(i)),
                Integer.toUnsignedLong(funcParam.get(i)), (funcFlags[i] & FLAG_MULTIPLE) != 0);
    }

    /** Line records kept for the {@code i}-th FUNC, in address order. */
    public List<LineHit> linesOf(int i) {
        List<LineHit> out = new ArrayList<>(funcLineStart[i + 1] - funcLineStart[i]);
        for (int k = funcLineStart[i]; k < funcLineStart[i + 1]; k++) {
            out.add(new LineHit(fileName(lineFile.get(k)), lineNo.get(k), funcAddr[i] + lineRel[k],
                    Integer.toUnsignedLong(lineSize.get(k))));
        }
        return out;
    }

    public int publicCount() {
        return pubAddr.length;
    }

    /** The {@code i}-th PUBLIC in address order. */
    public PublicHit publicAt(int i) {
        return new PublicHit(pool.get(pubName[i]), pubAddr[i], Integer.toUnsignedLong(pubParam.get(i)),
                (pubFlags[i] & FLAG_MULTIPLE) != 0);
    }

    /** The name of FILE {@code id}, or null. */
    public String fileName(int id) {
        int slot = files.slot(id);
        return slot < 0 ? null : pool.get(files.value(slot));
    }

    public int fileCount() {
        return files.count();
    }

    public int lineCount() {
        return lineRel.length;
    }

    public int inlineRangeCount() {
        return inlRel.length;
    }

    public int cfiInitCount() {
        return cfiAddr.length;
    }

    public int cfiDeltaCount() {
        return deltaRel.length();
    }

    /** STACK WIN records kept for lookup (types 4 and 0). */
    public int winFrameCount() {
        return frameData.count() + fpo.count();
    }

    public SymbolStats stats() {
        return stats;
    }

    /** Approximate heap bytes held by this index (arrays and the name pool). */
    public long estimatedBytes() {
        long b = 0;
        for (long part : estimatedBytesByPart().values()) {
            b += part;
        }
        return b;
    }

    /** {@link #estimatedBytes()} split by what the bytes hold, for reports. */
    public Map<String, Long> estimatedBytesByPart() {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("names", pool.estimatedBytes());
        parts.put("ids", 256 + files.estimatedBytes() + origins.estimatedBytes());
        parts.put("functions", 8L * funcAddr.length + 4L * funcName.length + funcFlags.length
                + bytes(funcSize, funcParam) + 4L * (funcLineStart.length + funcInlineStart.length));
        parts.put("lines", 4L * lineRel.length + bytes(lineSize, lineNo, lineFile));
        parts.put("inlines", 4L * inlRel.length + bytes(inlSize, inlDepth, inlCallLine, inlCallFile, inlOrigin));
        parts.put("publics", 8L * pubAddr.length + 4L * pubName.length + pubFlags.length + bytes(pubParam));
        parts.put("cfi", 8L * cfiAddr.length + 4L * (cfiRules.length + cfiDeltaStart.length + deltaRules.length)
                + bytes(cfiSize, deltaRel));
        parts.put("stackWin", frameData.estimatedBytes() + fpo.estimatedBytes());
        return parts;
    }

    // ---------------------------------------------------------------- internals

    private static long bytes(PackedInts... arrays) {
        long b = 0;
        for (PackedInts a : arrays) {
            b += a.estimatedBytes();
        }
        return b;
    }

    private int functionIndex(long offset) {
        int f = floor(funcAddr, offset);
        if (f < 0 || offset - funcAddr[f] >= Integer.toUnsignedLong(funcSize.get(f))) {
            return -1;
        }
        return f;
    }

    private int lineIndex(int f, long rel) {
        int k = floorRel(lineRel, funcLineStart[f], funcLineStart[f + 1], rel);
        if (k < 0 || rel - lineRel[k] >= Integer.toUnsignedLong(lineSize.get(k))) {
            return -1;
        }
        return k;
    }

    /** First position in [from, to) whose depth is at least {@code depth}; depths are sorted. */
    private int lowerBoundDepth(int from, int to, int depth) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inlDepth.get(mid) < depth) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The call-site file of inline {@code k}. Old-form records have none; like Breakpad's resolver of that
     * era we attribute the call to the caller's own file: the line record's file for depth 0, the
     * enclosing inline's origin file deeper down.
     */
    private String callFile(int k, int previous, int f, long rel) {
        int id = inlCallFile.get(k) - 1;
        if (id != NO_CALL_FILE) {
            return fileName(id);
        }
        if (previous < 0) {
            int line = lineIndex(f, rel);
            return line < 0 ? null : fileName(lineFile.get(line));
        }
        int slot = origins.slot(inlOrigin.get(previous));
        if (slot < 0) {
            return null;
        }
        int fileId = origins.aux(slot);
        return fileId < 0 ? null : fileName(fileId);
    }

    private String originName(int id) {
        int slot = origins.slot(id);
        return slot < 0 ? OMITTED_NAME : pool.get(origins.value(slot));
    }

    private WinFrameInfo winAt(WinTable t, int k) {
        int program = t.program[k];
        return new WinFrameInfo(t.type, t.addr[k], Integer.toUnsignedLong(t.size[k]),
                Integer.toUnsignedLong(t.prolog[k]), Integer.toUnsignedLong(t.epilog[k]),
                Integer.toUnsignedLong(t.param[k]), Integer.toUnsignedLong(t.savedRegs[k]),
                Integer.toUnsignedLong(t.locals[k]), Integer.toUnsignedLong(t.maxStack[k]),
                t.allocatesBasePointer[k] != 0, program < 0 ? null : pool.get(program));
    }

    /** Greatest index whose value is at most {@code key}, or -1 (also for negative keys). */
    static int floor(long[] sorted, long key) {
        if (key < 0) {
            return -1;
        }
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Greatest position in [from, to) whose value is at most {@code key}, or -1. */
    private static int floorRel(int[] sorted, int from, int to, long key) {
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= from ? hi : -1;
    }
}
