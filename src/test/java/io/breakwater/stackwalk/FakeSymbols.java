package io.breakwater.stackwalk;

import io.breakwater.symbols.ModuleSymbols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-written {@link ModuleSymbols} for unit tests: linear searches over a few records. */
class FakeSymbols implements ModuleSymbols {

    private record Func(String name, long address, long size, long params) {}
    private record Line(String file, int line, long address, long size) {}
    private record Inline(int depth, String name, String callFile, int callLine, long address, long size) {}
    private record Pub(String name, long address) {}
    private record CfiInit(long address, long size, Map<String, String> rules) {}
    private record CfiDelta(long address, Map<String, String> rules) {}

    private final List<Func> functions = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final List<Inline> inlines = new ArrayList<>();
    private final List<Pub> publics = new ArrayList<>();
    private final List<CfiInit> cfiInits = new ArrayList<>();
    private final List<CfiDelta> cfiDeltas = new ArrayList<>();
    private final List<WinFrameInfo> winFrames = new ArrayList<>();

    FakeSymbols func(String name, long address, long size) { return func(name, address, size, 0); }

    FakeSymbols func(String name, long address, long size, long params) {
        functions.add(new Func(name, address, size, params));
        return this;
    }

    FakeSymbols line(String file, int line, long address, long size) {
        lines.add(new Line(file, line, address, size));
        return this;
    }

    FakeSymbols inline(int depth, String name, String callFile, int callLine, long address, long size) {
        inlines.add(new Inline(depth, name, callFile, callLine, address, size));
        return this;
    }

    FakeSymbols pub(String name, long address) {
        publics.add(new Pub(name, address));
        return this;
    }

    /** {@code rules} like ".cfa: $rsp 16 + .ra: .cfa -8 + ^". */
    FakeSymbols cfiInit(long address, long size, String rules) {
        cfiInits.add(new CfiInit(address, size, parseRules(rules)));
        return this;
    }

    FakeSymbols cfiDelta(long address, String rules) {
        cfiDeltas.add(new CfiDelta(address, parseRules(rules)));
        return this;
    }

    FakeSymbols win(WinFrameInfo info) {
        winFrames.add(info);
        return this;
    }

    static Map<String, String> parseRules(String text) {
        Map<String, String> rules = new LinkedHashMap<>();
        String name = null;
        StringBuilder expr = new StringBuilder();
        for (String token : text.trim().split("\\s+")) {
            if (token.endsWith(":")) {
                if (name != null) rules.put(name, expr.toString().trim());
                name = token.substring(0, token.length() - 1);
                expr.setLength(0);
            } else {
                expr.append(token).append(' ');
            }
        }
        if (name != null) rules.put(name, expr.toString().trim());
        return rules;
    }

    @Override public ModuleId module() { return new ModuleId("Linux", "x86_64", "0", "fake"); }

    @Override
    public FunctionHit function(long offset) {
        for (Func f : functions) {
            if (offset >= f.address && offset < f.address + f.size) return new FunctionHit(f.name, f.address, f.size, f.params, false);
        }
        return null;
    }

    @Override
    public LineHit line(long offset) {
        for (Line l : lines) if (offset >= l.address && offset < l.address + l.size) return new LineHit(l.file, l.line, l.address, l.size);
        return null;
    }

    @Override
    public List<InlineHit> inlines(long offset) {
        List<InlineHit> hits = new ArrayList<>();
        for (int depth = 0; ; depth++) {
            Inline found = null;
            for (Inline i : inlines) if (i.depth == depth && offset >= i.address && offset < i.address + i.size) found = i;
            if (found == null) return hits;
            hits.add(new InlineHit(depth, found.name, found.callFile, found.callLine, found.address, found.size));
        }
    }

    @Override
    public PublicHit publicSymbol(long offset) {
        Pub best = null;
        for (Pub p : publics) if (p.address <= offset && (best == null || p.address > best.address)) best = p;
        return best == null ? null : new PublicHit(best.name, best.address, 0, false);
    }

    @Override
    public CfiRules cfi(long offset) {
        for (CfiInit init : cfiInits) {
            if (offset >= init.address && offset < init.address + init.size) {
                Map<String, String> rules = new LinkedHashMap<>(init.rules);
                for (CfiDelta d : cfiDeltas) {
                    if (d.address >= init.address && d.address <= offset) rules.putAll(d.rules);
                }
                return new CfiRules(rules);
            }
        }
        return null;
    }

    @Override
    public WinFrameInfo winFrame(long offset) {
        WinFrameInfo fpo = null;
        for (WinFrameInfo w : winFrames) {
            if (offset >= w.address() && offset < w.address() + w.size()) {
                if (w.type() == 4) return w;
                fpo = w;
            }
        }
        return fpo;
    }
}
