package io.breakwater.symbols;

import io.breakwater.symbols.ModuleSymbols.ModuleId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming parser for Breakpad's text symbol format into a {@link SymbolIndex}. The input is read in
 * chunks into one reusable buffer and parsed in place: no String per line, no object per record.
 *
 * <p>Records: MODULE, INFO (CODE_ID kept), FILE, INLINE_ORIGIN (old form {@code id file name} and new
 * form {@code id name}), FUNC [m], line records, INLINE (old form without and new form with the call-site
 * file, told apart by the parity of the field count as Breakpad does), PUBLIC [m], STACK CFI INIT, STACK
 * CFI, STACK WIN types 0..4 (the program string is the rest of the line; for records without one the
 * allocates-base-pointer flag is the leading number of the rest).
 *
 * <p>Tolerated, as Breakpad tolerates them: {@code \r\n} and lone {@code \r} line ends, blank lines, lines
 * starting with an unknown upper-case record name, fields after the last expected one, zero-size ranges
 * (ignored), and duplicate or overlapping records. For overlaps the earlier record in the file wins (the
 * later FUNC is dropped with its lines), except that STACK WIN records may nest; see {@link SymbolIndex}.
 * Lines longer than the limit are cut to it.
 *
 * <p>Malformed lines (missing or non-numeric fields, a line record before any FUNC, an INLINE before any
 * FUNC, unknown STACK WIN type, numbers out of range, anything that is not a record) are counted and make
 * the result CORRUPT, as in Breakpad; the well-formed records are still indexed. Nothing thrown escapes
 * except the input stream's own {@link IOException}.
 */
public final class BreakpadSymbolParser {

    public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
    private static final int MAX_ERROR_SAMPLES = 8;
    private static final long BAD = -1;
    private static final long BAD_DEC = Long.MIN_VALUE;
    private static final long U32 = 0xFFFF_FFFFL;
    private static final int NO_FUNC = -1;
    private static final int SKIPPED_FUNC = -2;

    private final int maxLineBytes;

    // Current line, parsed in place.
    private byte[] buf;
    private int p;
    private int e;
    private int lineBegin;
    private long lineNumber;
    private boolean lineTruncated;

    private final StringPool pool = new StringPool(1 << 12);
    private ModuleId module;
    private String codeId;
    private String codeFile;

    private final IntList fileIds = new IntList(16);
    private final IntList fileRefs = new IntList(16);
    private final IntList originIds = new IntList(16);
    private final IntList originRefs = new IntList(16);
    private final IntList originFiles = new IntList(16);

    private final LongList fAddr = new LongList(16);
    private final IntList fSize = new IntList(16);
    private final IntList fParam = new IntList(16);
    private final IntList fName = new IntList(16);
    private final IntList fFlags = new IntList(16);
    private final IntList fLineFirst = new IntList(16);
    private final IntList fInlineFirst = new IntList(16);
    private int curFunc = NO_FUNC;
    private long curFuncAddr;
    private long lastInlineDepth = -1;

    private final IntList lRel = new IntList(16);
    private final IntList lSize = new IntList(16);
    private final IntList lNo = new IntList(16);
    private final IntList lFile = new IntList(16);

    private final IntList iRel = new IntList(16);
    private final IntList iSize = new IntList(16);
    private final IntList iDepth = new IntList(16);
    private final IntList iCallLine = new IntList(16);
    private final IntList iCallFile = new IntList(16);
    private final IntList iOrigin = new IntList(16);

    private final LongList pAddr = new LongList(16);
    private final IntList pParam = new IntList(16);
    private final IntList pName = new IntList(16);
    private final IntList pFlags = new IntList(16);

    private final LongList cAddr = new LongList(16);
    private final IntList cSize = new IntList(16);
    private final IntList cRules = new IntList(16);
    private final IntList cDeltaFirst = new IntList(16);
    private final IntList dRel = new IntList(16);
    private final IntList dRules = new IntList(16);
    private int curCfi = -1;

    private final WinBuilder win4 = new WinBuilder(4);
    private final WinBuilder win0 = new WinBuilder(0);

    private int[] tokenBounds = new int[32];

    // Statistics.
    private long bytes;
    private long modules;
    private long infos;
    private long files;
    private long inlineOrigins;
    private long functions;
    private long lineRecords;
    private long inlineRecords;
    private long inlineRanges;
    private long publics;
    private long cfiInits;
    private long cfiDeltas;
    private long stackWin;
    private long stackWinOtherTypes;
    private long unknownRecords;
    private long malformed;
    private long droppedConflicts;
    private long zeroSize;
    private long truncatedLines;
    private long droppedInlines;
    private long orphanCfiDeltas;
    private long farLines;
    private final List<String> errorSamples = new ArrayList<>();

    private BreakpadSymbolParser(int maxLineBytes) {
        this.maxLineBytes = Math.max(256, maxLineBytes);
    }

    public static SymbolParseResult parse(InputStream in) throws IOException {
        return parse(in, DEFAULT_MAX_LINE_BYTES);
    }

    public static SymbolParseResult parse(InputStream in, int maxLineBytes) throws IOException {
        BreakpadSymbolParser parser = new BreakpadSymbolParser(maxLineBytes);
        try {
            parser.read(in);
            return parser.finish();
        } catch (SymbolLimitException | OutOfMemoryError tooBig) {
            // The builder's arrays become garbage with the parser.
            return new SymbolParseResult(null, parser.malformed, List.copyOf(parser.errorSamples),
                    "symbol file too large to index: " + tooBig.getMessage());
        }
    }

    public static SymbolParseResult parse(byte[] text) {
        try {
            return parse(new ByteArrayInputStream(text));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static SymbolParseResult parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- reading lines

    private void read(InputStream in) throws IOException {
        byte[] b = new byte[Math.min(1 << 16, maxLineBytes)];
        buf = b;
        int start = 0;
        int limit = 0;
        int scan = 0;
        boolean eof = false;
        boolean skipping = false; // discarding the tail of an over-long line
        while (true) {
            int nl = -1;
            for (int i = scan; i < limit; i++) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                if (!skipping) {
                    line(start, nl);
                }
                skipping = false;
                start = nl + 1;
                scan = start;
                continue;
            }
            if (eof) {
                if (!skipping && start < limit) {
                    line(start, limit);
                }
                return;
            }
            if (skipping) {
                start = 0;
                limit = 0;
            } else if (start > 0) {
                System.arraycopy(b, start, b, 0, limit - start);
                limit -= start;
                start = 0;
            }
            scan = limit;
            if (limit == b.length) {
                if (b.length < maxLineBytes) {
                    b = Arrays.copyOf(b, (int) Math.min((long) b.length * 2, maxLineBytes));
                    buf = b;
                } else {
                    lineTruncated = true;
                    truncatedLines++;
                    line(0, limit);
                    lineTruncated = false;
                    skipping = true;
                    start = 0;
                    limit = 0;
                    scan = 0;
                }
            }
            int n = in.read(b, limit, b.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
                bytes += n;
            }
        }
    }

    private void line(int s, int end) {
        lineNumber++;
        lineBegin = s;
        if (s == end) {
            return;
        }
        e = end;
        byte[] b = buf;
        byte c = b[s];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            p = s;
            lineRecord();
            return;
        }
        switch (c) {
            case 'F' -> {
                if (startsWith(s, "FUNC ")) {
                    p = s + 5;
                    func();
                } else if (startsWith(s, "FILE ")) {
                    p = s + 5;
                    file();
                } else {
                    other(s);
                }
            }
            case 'S' -> {
                if (startsWith(s, "STACK ")) {
                    p = s + 6;
                    stack();
                } else {
                    other(s);
                }
            }
            case 'P' -> {
                if (startsWith(s, "PUBLIC ")) {
                    p = s + 7;
                    publicRecord();
                } else {
                    other(s);
                }
            }
            case 'I' -> {
                if (startsWith(s, "INLINE ")) {
                    p = s + 7;
                    inline();
                } else if (startsWith(s, "INLINE_ORIGIN ")) {
                    p = s + 14;
                    inlineOrigin();
                } else if (startsWith(s, "INFO ")) {
                    p = s + 5;
                    info();
                } else {
                    other(s);
                }
            }
            case 'M' -> {
                if (startsWith(s, "MODULE ")) {
                    p = s + 7;
                    moduleRecord();
                } else {
                    other(s);
                }
            }
            default -> other(s);
        }
    }

    /** Blank lines, upper-case hex line records, unknown record types, or garbage. */
    private void other(int s) {
        byte[] b = buf;
        int q = s;
        while (q < e && isSpace(b[q])) {
            q++;
        }
        if (q == e) {
            return; // only spaces
        }
        int t = q;
        while (t < e && !isSpace(b[t]) && hexDigit(b[t]) >= 0) {
            t++;
        }
        if (t > q && (t == e || isSpace(b[t]))) {
            p = q;
            lineRecord();
            return;
        }
        byte c = b[q];
        if (q == s && c >= 'A' && c <= 'Z') {
            unknownRecords++;
            return;
        }
        error("not a symbol record");
    }

    // ---------------------------------------------------------------- records

    private void moduleRecord() {
        int os = token();
        int osEnd = p;
        int cpu = token();
        int cpuEnd = p;
        int id = token();
        int idEnd = p;
        int name = rest();
        if (os < 0 || cpu < 0 || id < 0 || name == e) {
            error("MODULE needs operating system, CPU, id and name");
            return;
        }
        modules++;
        if (module == null) {
            module = new ModuleId(str(os, osEnd), str(cpu, cpuEnd), str(id, idEnd), str(name, e));
        }
    }

    private void info() {
        int kind = token();
        int kindEnd = p;
        infos++;
        if (kind < 0 || kindEnd - kind != 7 || !startsWith(kind, "CODE_ID")) {
            return; // other INFO records carry nothing the processor uses
        }
        int id = token();
        int idEnd = p;
        if (id < 0) {
            return; // Breakpad ignores INFO records altogether, so an empty one is harmless
        }
        int file = rest();
        if (codeId == null) {
            codeId = str(id, idEnd);
            codeFile = file == e ? null : str(file, e);
        }
    }

    private void file() {
        long id = dec();
        int name = rest();
        if (id < 0 || id > Integer.MAX_VALUE || name == e) {
            error("FILE needs a number and a name");
            return;
        }
        files++;
        fileIds.add((int) id);
        fileRefs.add(pool.addShared(buf, name, e - name));
    }

    private void inlineOrigin() {
        long id = dec();
        int rest = rest();
        if (id < 0 || id > Integer.MAX_VALUE || rest == e) {
            error("INLINE_ORIGIN needs a number and a name");
            return;
        }
        // Old form: "<id> <file id> <name>" (file id may be -1); new form: "<id> <name>".
        int fileId = -1;
        int name = rest;
        long maybeFile = dec();
        if (maybeFile != BAD_DEC && maybeFile >= -1 && maybeFile <= Integer.MAX_VALUE) {
            int afterNumber = rest();
            if (afterNumber < e) {
                fileId = (int) maybeFile;
                name = afterNumber;
            }
        }
        inlineOrigins++;
        originIds.add((int) id);
        originRefs.add(pool.addShared(buf, name, e - name));
        originFiles.add(fileId);
    }

    private void func() {
        boolean multiple = optionalM();
        long addr = hex();
        long size = hex();
        long param = hex();
        int name = rest();
        if (addr < 0 || size < 0 || param < 0 || name == e) {
            error("FUNC needs address, size, parameter size and name");
            curFunc = SKIPPED_FUNC;
            return;
        }
        if (param > U32) {
            error("FUNC parameter size out of range");
            curFunc = SKIPPED_FUNC;
            return;
        }
        functions++;
        curFunc = fAddr.size();
        curFuncAddr = addr;
        lastInlineDepth = -1;
        fAddr.add(addr);
        fSize.add((int) Math.min(size, U32));
        fParam.add((int) param);
        fName.add(pool.add(buf, name, e - name));
        fFlags.add(multiple ? SymbolIndex.FLAG_MULTIPLE : 0);
        fLineFirst.add(lRel.size());
        fInlineFirst.add(iRel.size());
    }

    private void lineRecord() {
        long addr = hex();
        long size = hex();
        long line = dec();
        long file = dec();
        if (addr < 0 || size < 0 || line < 0 || file < 0 || line > Integer.MAX_VALUE || file > Integer.MAX_VALUE) {
            error("line record needs address, size, line and file number");
            return;
        }
        if (curFunc < 0) {
            if (curFunc == NO_FUNC) {
                error("line record outside a FUNC");
            }
            return;
        }
        lineRecords++;
        if (size == 0) {
            zeroSize++;
            return;
        }
        long rel = addr - curFuncAddr;
        if (rel < Integer.MIN_VALUE || rel > Integer.MAX_VALUE) {
            farLines++;
            return;
        }
        lRel.add((int) rel);
        lSize.add((int) Math.min(size, U32));
        lNo.add((int) line);
        lFile.add((int) file);
    }

    private void inline() {
        int n = 0;
        while (true) {
            int t = token();
            if (t < 0) {
                break;
            }
            if (2 * n + 2 > tokenBounds.length) {
                tokenBounds = Arrays.copyOf(tokenBounds, tokenBounds.length * 2);
            }
            tokenBounds[2 * n] = t;
            tokenBounds[2 * n + 1] = p;
            n++;
        }
        if (n < 5) {
            error("INLINE needs nest level, call line, origin and at least one range");
            return;
        }
        boolean hasCallFile = n % 2 == 0;
        long depth = decToken(0);
        long callLine = decToken(1);
        long callFile = hasCallFile ? decToken(2) : 0;
        int k = hasCallFile ? 3 : 2;
        long origin = decToken(k++);
        if (depth < 0 || callLine < 0 || callFile < 0 || origin < 0 || depth > Integer.MAX_VALUE
                || callLine > Integer.MAX_VALUE || callFile > Integer.MAX_VALUE || origin > Integer.MAX_VALUE) {
            error("INLINE has a bad number");
            return;
        }
        for (int r = k; r < n; r++) {
            if (hexToken(r) < 0) {
                error("INLINE has a bad range");
                return;
            }
        }
        if (curFunc < 0) {
            if (curFunc == NO_FUNC) {
                error("INLINE outside a FUNC");
            }
            return;
        }
        inlineRecords++;
        if (depth > lastInlineDepth + 1) {
            droppedInlines++; // its parent was dropped
            return;
        }
        lastInlineDepth = depth;
        for (int r = k; r + 1 < n; r += 2) {
            long addr = hexToken(r);
            long size = hexToken(r + 1);
            inlineRanges++;
            if (size == 0) {
                zeroSize++;
                continue;
            }
            long rel = addr - curFuncAddr;
            if (rel < Integer.MIN_VALUE || rel > Integer.MAX_VALUE) {
                farLines++;
                continue;
            }
            iRel.add((int) rel);
            iSize.add((int) Math.min(size, U32));
            iDepth.add((int) depth);
            iCallLine.add((int) callLine);
            iCallFile.add(hasCallFile ? (int) callFile : SymbolIndex.NO_CALL_FILE);
            iOrigin.add((int) origin);
        }
    }

    private void publicRecord() {
        boolean multiple = optionalM();
        long addr = hex();
        long param = hex();
        int name = rest();
        curFunc = NO_FUNC; // line records after a PUBLIC have no function
        if (addr < 0 || param < 0 || name == e) {
            error("PUBLIC needs address, parameter size and name");
            return;
        }
        if (param > U32) {
            error("PUBLIC parameter size out of range");
            return;
        }
        publics++;
        if (addr == 0) {
            return; // Breakpad ignores PUBLIC records at 0 (seen in ntdll dumps); they would collide
        }
        pAddr.add(addr);
        pParam.add((int) param);
        pName.add(pool.add(buf, name, e - name));
        pFlags.add(multiple ? SymbolIndex.FLAG_MULTIPLE : 0);
    }

    private void stack() {
        int kind = token();
        int kindEnd = p;
        if (kind >= 0 && kindEnd - kind == 3 && startsWith(kind, "CFI")) {
            stackCfi();
        } else if (kind >= 0 && kindEnd - kind == 3 && startsWith(kind, "WIN")) {
            stackWin();
        } else {
            unknownRecords++;
        }
    }

    private void stackCfi() {
        int save = p;
        int t = token();
        if (t >= 0 && p - t == 4 && startsWith(t, "INIT")) {
            long addr = hex();
            long size = hex();
            int rules = rest();
            if (addr < 0 || size < 0 || rules == e) {
                error("STACK CFI INIT needs address, size and rules");
                curCfi = -1;
                return;
            }
            cfiInits++;
            curCfi = cAddr.size();
            cAddr.add(addr);
            cSize.add((int) Math.min(size, U32));
            cRules.add(pool.addShared(buf, rules, e - rules));
            cDeltaFirst.add(dRel.size());
            return;
        }
        p = save;
        long addr = hex();
        int rules = rest();
        if (addr < 0 || rules == e) {
            error("STACK CFI needs address and rules");
            return;
        }
        cfiDeltas++;
        if (curCfi < 0) {
            orphanCfiDeltas++;
            return;
        }
        long rel = addr - cAddr.get(curCfi);
        if (rel < 0 || rel >= Integer.toUnsignedLong(cSize.get(curCfi)) || rel > Integer.MAX_VALUE) {
            orphanCfiDeltas++; // can never apply within its INIT's range
            return;
        }
        dRel.add((int) rel);
        dRules.add(pool.addShared(buf, rules, e - rules));
    }

    private void stackWin() {
        long type = hex();
        long rva = hex();
        long codeSize = hex();
        long prolog = hex();
        long epilog = hex();
        long param = hex();
        long saved = hex();
        long locals = hex();
        long maxStack = hex();
        long hasProgram = hex();
        int last = rest();
        if (type < 0 || rva < 0 || codeSize < 0 || prolog < 0 || epilog < 0 || param < 0 || saved < 0
                || locals < 0 || maxStack < 0 || hasProgram < 0 || last == e) {
            error("STACK WIN needs 11 fields");
            return;
        }
        if (type > 4) {
            error("STACK WIN type " + type + " unknown");
            return;
        }
        if (prolog > U32 || epilog > U32 || param > U32 || saved > U32 || locals > U32 || maxStack > U32) {
            error("STACK WIN field out of range");
            return;
        }
        int program = -1;
        boolean allocatesBasePointer = false;
        if (hasProgram != 0) {
            program = pool.addShared(buf, last, e - last);
        } else {
            long flag = hex();
            if (flag < 0) {
                error("STACK WIN allocates-base-pointer flag is not a number");
                return;
            }
            allocatesBasePointer = flag != 0;
        }
        stackWin++;
        WinBuilder target = type == 4 ? win4 : type == 0 ? win0 : null;
        if (target == null) {
            stackWinOtherTypes++;
            return;
        }
        target.add(rva, codeSize, (int) prolog, (int) epilog, (int) param, (int) saved, (int) locals,
                (int) maxStack, program, allocatesBasePointer);
    }

    // ---------------------------------------------------------------- field scanning

    private boolean startsWith(int s, String prefix) {
        int n = prefix.length();
        if (e - s < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[s + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean optionalM() {
        skipSpaces();
        if (p + 1 < e && buf[p] == 'm' && isSpace(buf[p + 1])) {
            p++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (p < e && isSpace(buf[p])) {
            p++;
        }
    }

    /** Start of the next space-separated token (p moves past it), or -1 at end of line. */
    private int token() {
        skipSpaces();
        if (p >= e) {
            return -1;
        }
        int t = p;
        while (p < e && !isSpace(buf[p])) {
            p++;
        }
        return t;
    }

    /** Start of the rest of the line after spaces; equals {@code e} when nothing is left. */
    private int rest() {
        skipSpaces();
        return p;
    }

    /** A hexadecimal field below 2^63, or {@link #BAD}. */
    private long hex() {
        byte[] b = buf;
        int q = p;
        while (q < e && isSpace(b[q])) {
            q++;
        }
        int start = q;
        long v = 0;
        while (q < e) {
            int d = hexDigit(b[q]);
            if (d < 0) {
                break;
            }
            if ((v >>> 59) != 0) {
                return BAD;
            }
            v = (v << 4) | d;
            q++;
        }
        if (q == start || (q < e && !isSpace(b[q]))) {
            return BAD;
        }
        p = q;
        return v;
    }

    /** A decimal field (optionally negative), or {@link #BAD_DEC}. */
    private long dec() {
        byte[] b = buf;
        int q = p;
        while (q < e && isSpace(b[q])) {
            q++;
        }
        boolean negative = q < e && b[q] == '-';
        if (negative) {
            q++;
        }
        int start = q;
        long v = 0;
        while (q < e) {
            int c = b[q];
            if (c < '0' || c > '9') {
                break;
            }
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return BAD_DEC;
            }
            v = v * 10 + (c - '0');
            q++;
        }
        if (q == start || (q < e && !isSpace(b[q]))) {
            return BAD_DEC;
        }
        p = q;
        return negative ? -v : v;
    }

    private long decToken(int i) {
        int save = p;
        int saveEnd = e;
        p = tokenBounds[2 * i];
        e = tokenBounds[2 * i + 1];
        long v = dec();
        p = save;
        e = saveEnd;
        return v;
    }

    private long hexToken(int i) {
        int save = p;
        int saveEnd = e;
        p = tokenBounds[2 * i];
        e = tokenBounds[2 * i + 1];
        long v = hex();
        p = save;
        e = saveEnd;
        return v;
    }

    private String str(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void error(String what) {
        malformed++;
        if (errorSamples.size() < MAX_ERROR_SAMPLES) {
            int start = lineBegin;
            int shown = Math.min(e - start, 80);
            String text = new String(buf, start, shown, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
            errorSamples.add("line " + lineNumber + ": " + what + (lineTruncated ? " (line truncated)" : "")
                    + " [" + text + (shown < e - start ? "..." : "") + "]");
        }
    }

    // ---------------------------------------------------------------- building the index

    private SymbolParseResult finish() {
        SymbolIndex.Builder out = new SymbolIndex.Builder();
        out.module = module != null ? module : new ModuleId("", "", "", "");
        out.codeId = codeId;
        out.codeFile = codeFile;
        out.files = IdTable.build(fileIds, fileRefs, null);
        out.origins = IdTable.build(originIds, originRefs, originFiles);
        buildFunctions(out);
        buildPublics(out);
        buildCfi(out);
        out.frameData = win4.build();
        out.fpo = win0.build();
        droppedConflicts += win4.dropped + win0.dropped;
        zeroSize += win4.zero + win0.zero;
        pool.freeze();
        out.pool = pool;
        out.stats = new SymbolStats(bytes, lineNumber, modules, infos, files, inlineOrigins, functions,
                lineRecords, inlineRecords, inlineRanges, publics, cfiInits, cfiDeltas, stackWin,
                stackWinOtherTypes, unknownRecords, malformed, droppedConflicts, zeroSize, truncatedLines,
                droppedInlines, orphanCfiDeltas, farLines);
        return new SymbolParseResult(new SymbolIndex(out), malformed, List.copyOf(errorSamples), null);
    }

    private void buildFunctions(SymbolIndex.Builder out) {
        long[] addr = fAddr.raw();
        int[] size = fSize.raw();
        int n = fAddr.size();
        int[] order = validRanges(addr, size, n);
        int valid = order.length;
        Ranges.sort(order, 0, valid, (a, b) -> a == b ? 0 : addr[a] != addr[b] ? Long.compare(addr[a], addr[b]) : Integer.compare(a, b));
        int kept = Ranges.resolveExclusive(order, 0, valid, i -> addr[i], i -> addr[i] + Integer.toUnsignedLong(size[i]));
        droppedConflicts += valid - kept;

        out.funcAddr = new long[kept];
        out.funcSize = new int[kept];
        out.funcParam = new int[kept];
        out.funcName = new int[kept];
        out.funcFlags = new byte[kept];
        for (int k = 0; k < kept; k++) {
            int f = order[k];
            out.funcAddr[k] = addr[f];
            out.funcSize[k] = size[f];
            out.funcParam[k] = fParam.get(f);
            out.funcName[k] = fName.get(f);
            out.funcFlags[k] = (byte) fFlags.get(f);
        }

        // Lines: per kept function, sorted by address with overlaps resolved; then gathered in order.
        int totalLines = lRel.size();
        int[] lineKeep = new int[totalLines];
        int[] lineStart = new int[kept + 1];
        int lines = 0;
        int[] rel = lRel.raw();
        int[] lsz = lSize.raw();
        for (int k = 0; k < kept; k++) {
            int f = order[k];
            int from = fLineFirst.get(f);
            int to = f + 1 < n ? fLineFirst.get(f + 1) : totalLines;
            lineStart[k] = lines;
            lines = keepSlice(lineKeep, lines, from, to,
                    (a, b) -> a == b ? 0 : rel[a] != rel[b] ? Integer.compare(rel[a], rel[b]) : Integer.compare(a, b),
                    i -> rel[i], i -> rel[i] + Integer.toUnsignedLong(lsz[i]), null);
        }
        lineStart[kept] = lines;
        out.funcLineStart = lineStart;
        out.lineRel = gather(lRel, lineKeep, lines);
        out.lineSize = gather(lSize, lineKeep, lines);
        out.lineNo = gather(lNo, lineKeep, lines);
        out.lineFile = gather(lFile, lineKeep, lines);

        // Inline ranges: per function sorted by (depth, address), overlaps resolved within one depth.
        int totalInl = iRel.size();
        int[] inlKeep = new int[totalInl];
        int[] inlStart = new int[kept + 1];
        int inl = 0;
        int[] irel = iRel.raw();
        int[] isz = iSize.raw();
        int[] idep = iDepth.raw();
        for (int k = 0; k < kept; k++) {
            int f = order[k];
            int from = fInlineFirst.get(f);
            int to = f + 1 < n ? fInlineFirst.get(f + 1) : totalInl;
            inlStart[k] = inl;
            inl = keepSlice(inlKeep, inl, from, to,
                    (a, b) -> a == b ? 0 : idep[a] != idep[b] ? Integer.compare(idep[a], idep[b])
                            : irel[a] != irel[b] ? Integer.compare(irel[a], irel[b]) : Integer.compare(a, b),
                    i -> irel[i], i -> irel[i] + Integer.toUnsignedLong(isz[i]), idep);
        }
        inlStart[kept] = inl;
        out.funcInlineStart = inlStart;
        out.inlRel = gather(iRel, inlKeep, inl);
        out.inlSize = gather(iSize, inlKeep, inl);
        out.inlDepth = gather(iDepth, inlKeep, inl);
        out.inlCallLine = gather(iCallLine, inlKeep, inl);
        out.inlCallFile = gather(iCallFile, inlKeep, inl);
        out.inlOrigin = gather(iOrigin, inlKeep, inl);
    }

    /**
     * Appends to {@code keep} the records of [from, to) in sorted order with conflicts resolved. With
     * {@code groups} (inline depths), conflicts are resolved within runs of equal group value only.
     */
    private int keepSlice(int[] keep, int out, int from, int to, Ranges.IndexComparator cmp, Ranges.LongAt start,
                          Ranges.LongAt end, int[] groups) {
        int n = to - from;
        if (n <= 0) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            keep[out + i] = from + i;
        }
        Ranges.sort(keep, out, out + n, cmp);
        if (groups == null) {
            int kept = Ranges.resolveExclusive(keep, out, out + n, start, end);
            droppedConflicts += out + n - kept;
            return kept;
        }
        int write = out;
        int i = out;
        while (i < out + n) {
            int g = groups[keep[i]];
            int j = i + 1;
            while (j < out + n && groups[keep[j]] == g) {
                j++;
            }
            int kept = Ranges.resolveExclusive(keep, i, j, start, end);
            droppedConflicts += j - kept;
            System.arraycopy(keep, i, keep, write, kept - i);
            write += kept - i;
            i = j;
        }
        return write;
    }

    /** The kept entries of {@code list} in {@code keep} order; reuses the storage when nothing moved. */
    private static int[] gather(IntList list, int[] keep, int n) {
        boolean identity = n == list.size();
        for (int i = 0; identity && i < n; i++) {
            identity = keep[i] == i;
        }
        if (identity) {
            return list.toArray();
        }
        int[] src = list.raw();
        int[] dst = new int[n];
        for (int i = 0; i < n; i++) {
            dst[i] = src[keep[i]];
        }
        return dst;
    }

    /** Indices of ranges with a size and an end inside the address space; counts the others. */
    private int[] validRanges(long[] addr, int[] size, int n) {
        int[] order = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long sz = Integer.toUnsignedLong(size[i]);
            if (sz > 0 && addr[i] + sz > addr[i]) {
                order[m++] = i;
            } else {
                zeroSize++;
            }
        }
        return m == n ? order : Arrays.copyOf(order, m);
    }

    private void buildPublics(SymbolIndex.Builder out) {
        long[] addr = pAddr.raw();
        int n = pAddr.size();
        int[] order = Ranges.identity(n);
        Ranges.sort(order, 0, n, (a, b) -> a == b ? 0 : addr[a] != addr[b] ? Long.compare(addr[a], addr[b]) : Integer.compare(a, b));
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (m > 0 && addr[order[m - 1]] == addr[order[k]]) {
                droppedConflicts++; // same address: the first in the file stays
                continue;
            }
            order[m++] = order[k];
        }
        out.pubAddr = new long[m];
        out.pubParam = new int[m];
        out.pubName = new int[m];
        out.pubFlags = new byte[m];
        for (int k = 0; k < m; k++) {
            int i = order[k];
            out.pubAddr[k] = addr[i];
            out.pubParam[k] = pParam.get(i);
            out.pubName[k] = pName.get(i);
            out.pubFlags[k] = (byte) pFlags.get(i);
        }
    }

    private void buildCfi(SymbolIndex.Builder out) {
        long[] addr = cAddr.raw();
        int[] size = cSize.raw();
        int n = cAddr.size();
        int[] order = validRanges(addr, size, n);
        int valid = order.length;
        Ranges.sort(order, 0, valid, (a, b) -> a == b ? 0 : addr[a] != addr[b] ? Long.compare(addr[a], addr[b]) : Integer.compare(a, b));
        int kept = Ranges.resolveExclusive(order, 0, valid, i -> addr[i], i -> addr[i] + Integer.toUnsignedLong(size[i]));
        droppedConflicts += valid - kept;
        out.cfiAddr = new long[kept];
        out.cfiSize = new int[kept];
        out.cfiRules = new int[kept];
        int totalDeltas = dRel.size();
        int[] deltaKeep = new int[totalDeltas];
        int[] deltaStart = new int[kept + 1];
        int deltas = 0;
        int[] rel = dRel.raw();
        for (int k = 0; k < kept; k++) {
            int c = order[k];
            out.cfiAddr[k] = addr[c];
            out.cfiSize[k] = size[c];
            out.cfiRules[k] = cRules.get(c);
            int from = cDeltaFirst.get(c);
            int to = c + 1 < n ? cDeltaFirst.get(c + 1) : totalDeltas;
            deltaStart[k] = deltas;
            for (int i = from; i < to; i++) {
                deltaKeep[deltas + i - from] = i;
            }
            // Deltas apply in address order; equal addresses keep file order.
            Ranges.sort(deltaKeep, deltas, deltas + to - from,
                    (a, b) -> a == b ? 0 : rel[a] != rel[b] ? Integer.compare(rel[a], rel[b]) : Integer.compare(a, b));
            deltas += to - from;
        }
        deltaStart[kept] = deltas;
        out.cfiDeltaStart = deltaStart;
        out.deltaRel = gather(dRel, deltaKeep, deltas);
        out.deltaRules = gather(dRules, deltaKeep, deltas);
    }

    /** STACK WIN records of one type while parsing. */
    private static final class WinBuilder {
        final int type;
        final LongList addr = new LongList(16);
        final IntList size = new IntList(16);
        final IntList prolog = new IntList(16);
        final IntList epilog = new IntList(16);
        final IntList param = new IntList(16);
        final IntList saved = new IntList(16);
        final IntList locals = new IntList(16);
        final IntList maxStack = new IntList(16);
        final IntList program = new IntList(16);
        final IntList allocatesBasePointer = new IntList(16);
        long dropped;
        long zero;

        WinBuilder(int type) {
            this.type = type;
        }

        void add(long rva, long codeSize, int prologSize, int epilogSize, int paramSize, int savedSize,
                 int localSize, int maxStackSize, int programRef, boolean abp) {
            addr.add(rva);
            size.add((int) Math.min(codeSize, U32));
            prolog.add(prologSize);
            epilog.add(epilogSize);
            param.add(paramSize);
            saved.add(savedSize);
            locals.add(localSize);
            maxStack.add(maxStackSize);
            program.add(programRef);
            allocatesBasePointer.add(abp ? 1 : 0);
        }

        SymbolIndex.WinTable build() {
            long[] a = addr.raw();
            long[] s = new long[addr.size()];
            int n = addr.size();
            for (int i = 0; i < n; i++) {
                s[i] = Integer.toUnsignedLong(size.get(i));
            }
            int[] order = new int[n];
            int valid = 0;
            for (int i = 0; i < n; i++) {
                if (s[i] > 0 && a[i] + s[i] > a[i]) {
                    order[valid++] = i;
                } else {
                    zero++;
                }
            }
            // Outer ranges before the ranges they contain.
            Ranges.sort(order, 0, valid, (x, y) -> {
                if (x == y) {
                    return 0;
                }
                if (a[x] != a[y]) {
                    return Long.compare(a[x], a[y]);
                }
                if (s[x] != s[y]) {
                    return Long.compare(s[y], s[x]);
                }
                return Integer.compare(x, y);
            });
            int kept = Ranges.resolveNested(order, 0, valid, i -> a[i], i -> a[i] + s[i]);
            dropped = valid - kept;
            long[] ka = new long[kept];
            long[] ke = new long[kept];
            int[] ks = new int[kept];
            int[] kp = new int[kept];
            int[] kepi = new int[kept];
            int[] kparam = new int[kept];
            int[] ksaved = new int[kept];
            int[] klocals = new int[kept];
            int[] kmax = new int[kept];
            int[] kprog = new int[kept];
            byte[] kabp = new byte[kept];
            for (int k = 0; k < kept; k++) {
                int i = order[k];
                ka[k] = a[i];
                ke[k] = a[i] + s[i];
                ks[k] = (int) s[i];
                kp[k] = prolog.get(i);
                kepi[k] = epilog.get(i);
                kparam[k] = param.get(i);
                ksaved[k] = saved.get(i);
                klocals[k] = locals.get(i);
                kmax[k] = maxStack.get(i);
                kprog[k] = program.get(i);
                kabp[k] = (byte) allocatesBasePointer.get(i);
            }
            int[] parent = Ranges.parents(ka, ke);
            return new SymbolIndex.WinTable(type, ka, ks, parent, kp, kepi, kparam, ksaved, klocals, kmax, kprog, kabp);
        }
    }
}
