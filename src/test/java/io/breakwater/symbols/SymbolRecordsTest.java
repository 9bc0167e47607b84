package io.breakwater.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.breakwater.symbols.ModuleSymbols.CfiRules;
import io.breakwater.symbols.ModuleSymbols.FunctionHit;
import io.breakwater.symbols.ModuleSymbols.InlineHit;
import io.breakwater.symbols.ModuleSymbols.LineHit;
import io.breakwater.symbols.ModuleSymbols.PublicHit;
import io.breakwater.symbols.ModuleSymbols.WinFrameInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written symbol texts for every record type and the oddities real files contain. */
class SymbolRecordsTest {

    private static SymbolIndex clean(String text) {
        SymbolParseResult r = BreakpadSymbolParser.parse(text);
        assertFalse(r.corrupt(), () -> "unexpectedly corrupt: " + r.reason());
        return r.index();
    }

    @Test
    void moduleAndCodeId() {
        SymbolIndex s = clean("""
                MODULE windows x86 5A9832E5287241C1838ED98914E9B7FF1 test app.pdb
                INFO CODE_ID 45D35F6C2d000 test_app.exe
                INFO GENERATOR dump_syms 2.0
                """);
        assertEquals("windows", s.module().os());
        assertEquals("x86", s.module().cpu());
        assertEquals("5A9832E5287241C1838ED98914E9B7FF1", s.module().debugId());
        assertEquals("test app.pdb", s.module().debugFile());
        assertEquals("45D35F6C2d000", s.codeId());
        assertEquals("test_app.exe", s.codeFile());
        assertEquals(2, s.stats().infos());
    }

    @Test
    void fileWithoutModuleRecordHasEmptyModule() {
        SymbolIndex s = clean("STACK CFI INIT 10 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^\n");
        assertEquals("", s.module().debugId());
        assertNotNull(s.cfi(0x10));
    }

    @Test
    void functionsByContainmentAndTheMultipleFlag() {
        SymbolIndex s = clean("""
                FILE 1 a.cc
                FUNC m 1000 c 4 Function1_1
                1000 4 44 1
                FUNC 1100 8 0 Function1_2(int, char const*)
                """);
        assertNull(s.function(0xfff));
        FunctionHit f = s.function(0x1000);
        assertEquals(new FunctionHit("Function1_1", 0x1000, 0xc, 4, true), f);
        assertEquals("Function1_1", s.function(0x100b).name());
        assertNull(s.function(0x100c));
        FunctionHit g = s.function(0x1107);
        assertEquals("Function1_2(int, char const*)", g.name());
        assertFalse(g.multiple());
        assertNull(s.function(0x1108));
        assertNull(s.function(-1));
        assertNull(s.function(Long.MAX_VALUE));
    }

    @Test
    void linesResolveOnlyInsideTheirFunction() {
        SymbolIndex s = clean("""
                FILE 1 file1.cc
                FILE 2 dir/file2.cc
                FUNC 1000 20 0 f
                1000 4 44 1
                1004 4 45 2
                100c 4 0 1
                1030 4 99 1
                1010 4 46 7
                """);
        assertEquals(new LineHit("file1.cc", 44, 0x1000, 4), s.line(0x1003));
        assertEquals(new LineHit("dir/file2.cc", 45, 0x1004, 4), s.line(0x1004));
        assertNull(s.line(0x1008), "gap between line records");
        assertEquals(0, s.line(0x100c).line(), "line 0 is valid (block helpers)");
        assertNull(s.line(0x1010).file(), "unknown FILE id gives no file");
        assertEquals(46, s.line(0x1013).line());
        assertNull(s.line(0x1030), "a line record outside its FUNC is unreachable");
    }

    @Test
    void publicSymbolsNearestBelowAndTheFunctionBound() {
        SymbolIndex s = clean("""
                PUBLIC 0 0 ignored_at_zero
                PUBLIC m 2160 8 Public2_1
                PUBLIC 2160 0 duplicate_at_same_address
                FUNC 2170 14 4 Function2_2
                PUBLIC 21a0 0 Public2_2
                """);
        assertNull(s.publicSymbol(0x10));
        assertEquals(new PublicHit("Public2_1", 0x2160, 8, true), s.publicSymbol(0x2160));
        assertEquals("Public2_1", s.publicSymbol(0x2175).name(), "publicSymbol ignores FUNC records");
        assertEquals("Public2_2", s.publicSymbol(0x99999).name());
        assertEquals(2, s.publicCount());
        // Breakpad's fallback: not when a FUNC covers; not when the nearest FUNC below starts above the PUBLIC.
        assertNull(s.publicSymbolFallback(0x2175));
        assertEquals("Public2_1", s.publicSymbolFallback(0x2165).name());
        assertNull(s.publicSymbolFallback(0x2190), "FUNC 2170 ended below; PUBLIC 2160 is older than it");
        assertEquals("Public2_2", s.publicSymbolFallback(0x21a5).name());
    }

    @Test
    void cfiInitRulesUpdatedByDeltasAtOrBeforeTheOffset() {
        SymbolIndex s = clean("""
                STACK CFI INIT 3d40 af .cfa: $esp 4 + .ra: .cfa 4 - ^
                STACK CFI 3d41 .cfa: $esp 8 +\s
                STACK CFI 3d43 .cfa: $ebp  8 + $ebp: .cfa 8 - ^
                STACK CFI 3d54 $ebx: .cfa 20 - ^
                STACK CFI INIT 4000 10 .cfa: $rsp 8 + .ra: .cfa -8 + ^
                """);
        assertNull(s.cfi(0x3d3f));
        assertEquals(Map.of(".cfa", "$esp 4 +", ".ra", ".cfa 4 - ^"), s.cfi(0x3d40).rules());
        assertEquals(Map.of(".cfa", "$esp 8 +", ".ra", ".cfa 4 - ^"), s.cfi(0x3d42).rules());
        CfiRules at43 = s.cfi(0x3d43);
        assertEquals(Map.of(".cfa", "$ebp 8 +", ".ra", ".cfa 4 - ^", "$ebp", ".cfa 8 - ^"), at43.rules());
        assertEquals(".cfa 20 - ^", s.cfi(0x3dee).rules().get("$ebx"));
        assertNull(s.cfi(0x3def), "INIT range is [3d40, 3def)");
        assertEquals(Map.of(".cfa", "$rsp 8 +", ".ra", ".cfa -8 + ^"), s.cfi(0x400f).rules());
        assertEquals(2, s.cfiInitCount());
        assertEquals(3, s.cfiDeltaCount());

        // Asked again, in another order: the same rules, built once per record and number of deltas applied.
        assertSame(at43, s.cfi(0x3d50), "0x3d50 sees the same two deltas as 0x3d43");
        assertEquals(Map.of(".cfa", "$esp 8 +", ".ra", ".cfa 4 - ^"), s.cfi(0x3d41).rules());
        assertEquals(Map.of(".cfa", "$esp 4 +", ".ra", ".cfa 4 - ^"), s.cfi(0x3d40).rules());
        assertNotSame(at43, s.cfi(0x3d54));
        assertThrows(UnsupportedOperationException.class, () -> at43.rules().put(".cfa", "0"), "shared, so read-only");
    }

    @Test
    void anUnparsableCfiInitRecordStaysRejected() {
        SymbolIndex s = clean("""
                STACK CFI INIT 1000 10 .cfa:
                STACK CFI 1004 .cfa: $esp 8 + .ra: .cfa 4 - ^
                """);
        assertEquals(1, s.cfiInitCount(), "kept at load, rejected at lookup, as Breakpad does");
        assertNull(s.cfi(0x1008));
        assertNull(s.cfi(0x1008), "the rejection is remembered, not turned into empty rules");
        assertNull(s.cfi(0x1002));
    }

    @Test
    void cfiInitWhoseRulesDoNotParseGivesNothing() {
        SymbolIndex s = clean("""
                STACK CFI INIT 100 10 $rsp 8 + .ra: .cfa ^
                STACK CFI INIT 200 10 .cfa: .ra: x
                STACK CFI INIT 300 10 .cfa: $rsp 8 + .ra: .cfa -8 + ^
                STACK CFI 304 .cfa: $rsp 16 + bogus:
                """);
        assertNull(s.cfi(0x100), "expression before any register");
        assertNull(s.cfi(0x200), "register without expression");
        // A failing delta keeps the rules it set before the failure.
        assertEquals("$rsp 16 +", s.cfi(0x305).rules().get(".cfa"));
    }

    @Test
    void cfiDeltasOutOfOrderApplyInAddressOrder() {
        SymbolIndex s = clean("""
                STACK CFI INIT 100 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^
                STACK CFI 110 .cfa: $rsp 24 +
                STACK CFI 104 .cfa: $rsp 16 +
                STACK CFI 130 .cfa: $rsp 99 +
                """);
        assertEquals("$rsp 16 +", s.cfi(0x108).rules().get(".cfa"));
        assertEquals("$rsp 24 +", s.cfi(0x11f).rules().get(".cfa"));
        assertEquals(1, s.stats().orphanCfiDeltas(), "the delta beyond the INIT range");
    }

    @Test
    void stackWinProgramStringsFpoAndPreference() {
        SymbolIndex s = clean("""
                STACK WIN 4 1000 114 11 0 8 0 0 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =
                STACK WIN 4 100f f5 2 0 8 4 c 0 1 $T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =  $20 $T0 16 - ^ =
                STACK WIN 4 1048 a 0 0 8 c c 0 1 inner
                STACK WIN 0 2000 40 3 1 c 8 10 20 0 1
                STACK WIN 0 1000 200 0 0 0 0 0 0 0 0
                STACK WIN 2 3000 10 0 0 0 0 0 0 0 0
                """);
        WinFrameInfo outer = s.winFrame(0x1005);
        assertEquals(4, outer.type());
        assertEquals(0x1000, outer.address());
        assertEquals(0x114, outer.size());
        assertEquals(0x11, outer.prologSize());
        assertEquals(8, outer.parameterSize());
        assertEquals("$T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =", outer.programString());
        WinFrameInfo mid = s.winFrame(0x1010);
        assertEquals(0x100f, mid.address(), "innermost nested record wins");
        assertEquals("$T0 .raSearch = $eip $T0 ^ = $esp $T0 4 + =  $20 $T0 16 - ^ =", mid.programString(),
                "program string kept verbatim, double spaces included");
        assertEquals(4, mid.savedRegisterSize());
        assertEquals(0xc, mid.localSize());
        assertEquals("inner", s.winFrame(0x1051).programString());
        assertEquals(0x100f, s.winFrame(0x1052).address(), "back out to the enclosing record");
        assertEquals(0x1000, s.winFrame(0x1105).address());
        // 0x1114..0x1200 is only covered by the FPO record.
        WinFrameInfo fpoOnly = s.winFrame(0x1150);
        assertEquals(0, fpoOnly.type());
        assertNull(fpoOnly.programString());
        WinFrameInfo fpo = s.winFrame(0x2010);
        assertEquals(new WinFrameInfo(0, 0x2000, 0x40, 3, 1, 0xc, 8, 0x10, 0x20, true, null), fpo);
        assertNull(s.winFrame(0x3005), "type 2 records are parsed but never consulted");
        assertEquals(1, s.stats().stackWinOtherTypes());
    }

    @Test
    void stackWinConflictsFirstInFileWins() {
        SymbolIndex s = clean("""
                STACK WIN 4 4242 1a a 0 0 0 0 0 1 first
                STACK WIN 4 4243 2e 9 0 0 0 0 0 1 partial_overlap
                STACK WIN 4 4242 1a a 0 0 0 0 0 1 duplicate
                STACK WIN 4 4250 4 a 0 0 0 0 0 1 nested
                """);
        assertEquals("first", s.winFrame(0x4243).programString());
        assertNull(s.winFrame(0x4260), "the partially overlapping record was dropped");
        assertEquals("nested", s.winFrame(0x4251).programString());
        assertEquals(2, s.stats().droppedConflicts());
    }

    @Test
    void newFormInlinesOutermostFirstWithCallSites() {
        SymbolIndex s = clean("""
                FILE 0 linux_inline.cpp
                FILE 1 a.cpp
                FILE 2 b.cpp
                FILE 3 c.cpp
                INLINE_ORIGIN 0 bar()
                INLINE_ORIGIN 1 foo()
                INLINE_ORIGIN 2 func()
                FUNC 15b30 6cf 0 main
                INLINE 0 42 1 1 15b45 6b1
                INLINE 1 39 2 0 15b72 684
                INLINE 2 32 3 2 15b83 673
                15b30 15 41 0
                15b83 a 9 0
                """);
        List<InlineHit> chain = s.inlines(0x15b85);
        assertEquals(List.of(
                new InlineHit(0, "foo()", "a.cpp", 42, 0x15b45, 0x6b1),
                new InlineHit(1, "bar()", "b.cpp", 39, 0x15b72, 0x684),
                new InlineHit(2, "func()", "c.cpp", 32, 0x15b83, 0x673)), chain);
        assertEquals(2, s.inlines(0x15b72).size(), "two levels at 15b72");
        assertEquals(List.of(), s.inlines(0x15b30));
        assertEquals(List.of(), s.inlines(0x99999));
        assertEquals(new LineHit("linux_inline.cpp", 9, 0x15b83, 0xa), s.line(0x15b83));
    }

    @Test
    void oldFormInlinesTakeTheCallerFileLikeBreakpadDid() {
        SymbolIndex s = clean("""
                FILE 0 linux_inline.cpp
                FILE 5 header.h
                INLINE_ORIGIN 0 0 bar()
                INLINE_ORIGIN 1 5 foo()
                INLINE_ORIGIN 2 -1 func()
                FUNC 15b30 6cf 0 main
                INLINE 0 42 1 15b45 6b1
                INLINE 1 39 0 15b72 684
                INLINE 2 32 2 15b83 673
                15b83 a 9 0
                """);
        List<InlineHit> chain = s.inlines(0x15b85);
        assertEquals(3, chain.size());
        assertEquals(new InlineHit(0, "foo()", "linux_inline.cpp", 42, 0x15b45, 0x6b1), chain.get(0),
                "depth 0 is called from the FUNC: the line record's file");
        assertEquals(new InlineHit(1, "bar()", "header.h", 39, 0x15b72, 0x684), chain.get(1),
                "deeper calls come from the enclosing origin's file");
        assertEquals("linux_inline.cpp", chain.get(2).callFile());
    }

    @Test
    void inlinesWithSeveralRangesSkippedLevelsAndMissingOrigins() {
        SymbolIndex s = clean("""
                FILE 0 x.cc
                INLINE_ORIGIN 7 seven
                FUNC 1000 100 0 f
                INLINE 0 10 0 7 1010 10 1040 8
                INLINE 0 11 0 9 1060 10
                INLINE 2 12 0 7 1062 2
                INLINE 1 13 0 7 1064 4
                """);
        assertEquals("seven", s.inlines(0x1045).get(0).name());
        assertEquals(0x1040, s.inlines(0x1045).get(0).address());
        assertEquals(List.of(), s.inlines(0x1020));
        List<InlineHit> deep = s.inlines(0x1065);
        assertEquals(2, deep.size());
        assertEquals(SymbolIndex.OMITTED_NAME, deep.get(0).name());
        assertEquals(13, deep.get(1).callLine());
        assertEquals(1, s.inlines(0x1062).size(), "the level-2 record skipped level 1 and was dropped");
        assertEquals(1, s.stats().droppedInlines());
    }

    @Test
    void overlappingAndDuplicateFunctionsKeepTheFirstAndItsLines() {
        SymbolIndex s = clean("""
                FILE 1 a.cc
                FUNC 1000 100 0 first
                1000 100 1 1
                FUNC 1000 100 0 duplicate
                1000 100 2 1
                FUNC 1080 100 0 overlapping
                1080 100 3 1
                FUNC 1200 10 0 after
                1200 10 4 1
                FUNC 1300 0 0 zero_size_is_ignored
                1300 4 5 1
                """);
        assertEquals("first", s.function(0x1090).name());
        assertEquals(1, s.line(0x1090).line());
        assertNull(s.function(0x1150), "the overlapping FUNC was dropped, not truncated");
        assertNull(s.line(0x1150));
        assertEquals(4, s.line(0x1200).line());
        assertNull(s.function(0x1300));
        assertEquals(2, s.functionCount());
        assertEquals(2, s.stats().droppedConflicts());
        assertEquals(1, s.stats().zeroSize());
    }

    @Test
    void overlappingLinesInsideAFunctionKeepTheFirst() {
        SymbolIndex s = clean("""
                FUNC 1000 100 0 f
                1010 10 2 0
                1000 20 1 0
                1010 10 3 0
                1030 10 4 0
                """);
        assertEquals(2, s.line(0x1015).line());
        assertNull(s.line(0x1005), "1000+20 overlapped the earlier 1010 record");
        assertEquals(4, s.line(0x1030).line());
    }

    @Test
    void unsortedFunctionsAreSorted() {
        SymbolIndex s = clean("""
                FUNC 3000 10 0 c
                3000 10 30 0
                FUNC 1000 10 0 a
                1000 10 10 0
                FUNC 2000 10 0 b
                2000 10 20 0
                """);
        assertEquals("a", s.functionAt(0).name());
        assertEquals("c", s.functionAt(2).name());
        assertEquals(20, s.line(0x2005).line());
        assertEquals(30, s.line(0x3005).line());
    }

    @Test
    void lineEndingsBlankLinesAndUnknownRecords() {
        String text = "MODULE Linux x86_64 ABC0 lib.so\r\n"
                + "\r\n"
                + "FILE 1 a.c\r"
                + "FUTURE_RECORD 1 2 3\n"
                + "STACK FOO 1 2\n"
                + "   \n"
                + "FUNC 10 10 0 f\r\n"
                + "10 10 7 1\r\n"
                + "PUBLIC 100 0 p\r\n";
        SymbolIndex s = clean(text);
        assertEquals("lib.so", s.module().debugFile());
        assertEquals("f", s.function(0x10).name());
        assertEquals(new LineHit("a.c", 7, 0x10, 0x10), s.line(0x1f));
        assertEquals("p", s.publicSymbol(0x100).name());
        assertEquals(2, s.stats().unknownRecords());
    }

    @Test
    void upperCaseHexAndExtraTrailingFields() {
        SymbolIndex s = clean("""
                FUNC ABC0 10 0 upper
                ABC0 8 5 0 extra fields ignored
                """);
        assertEquals("upper", s.function(0xabc5).name());
        assertEquals(5, s.line(0xabc0).line());
    }

    @Test
    void hugeNamesAreKept() {
        String name = "ns::" + "X".repeat(1_000_000) + "::f()";
        SymbolIndex s = clean("FUNC 10 10 0 " + name + "\nPUBLIC 40 0 " + name + "\n");
        assertEquals(name, s.function(0x10).name());
        assertEquals(name, s.publicSymbol(0x40).name());
    }

    @Test
    void linesBeyondTheLimitAreCut() throws Exception {
        String text = "FUNC 10 10 0 " + "n".repeat(5000) + "\nFUNC 100 10 0 short\n";
        SymbolParseResult r = BreakpadSymbolParser.parse(new java.io.ByteArrayInputStream(text.getBytes()), 1024);
        assertFalse(r.corrupt());
        assertEquals(1024 - "FUNC 10 10 0 ".length(), r.index().function(0x10).name().length());
        assertEquals("short", r.index().function(0x100).name());
        assertEquals(1, r.index().stats().truncatedLines());
    }

    @Test
    void malformedLinesMakeItCorruptButKeepTheRest() {
        SymbolParseResult r = BreakpadSymbolParser.parse("""
                MODULE Linux x86 0 m
                FUNC 1000
                1000 4 44 1
                FUNC 2000 10 0 good
                2000 10 1 0
                PUBLIC zz 0 bad
                STACK WIN 9 0 0 0 0 0 0 0 0 0 0
                INLINE 0 1
                !garbage
                """);
        assertTrue(r.corrupt());
        assertEquals(5, r.malformed(), r.errorSamples().toString());
        assertTrue(r.reason().startsWith("5 malformed lines: line 2: FUNC"), r.reason());
        assertEquals("good", r.index().function(0x2000).name());
        assertNull(r.index().line(0x1000), "lines of the malformed FUNC are dropped");
        SymbolSupplier.SymbolResult asResult = r.toSymbolResult();
        assertEquals(SymbolSupplier.Status.CORRUPT, asResult.status());
        assertNotNull(asResult.symbols());
    }

    @Test
    void lineRecordsAfterPublicHaveNoFunction() {
        SymbolParseResult r = BreakpadSymbolParser.parse("""
                FUNC 1000 10 0 f
                PUBLIC 2000 0 p
                2000 4 1 0
                """);
        assertTrue(r.corrupt());
        assertTrue(r.reason().contains("outside a FUNC"));
    }

    @Test
    void emptyInputLoadsEmpty() {
        SymbolParseResult r = BreakpadSymbolParser.parse("");
        assertFalse(r.corrupt());
        assertNull(r.index().function(0));
        assertNull(r.index().cfi(0));
        assertEquals(List.of(), r.index().inlines(0));
    }

    @Test
    void estimatedBytesGrowWithContent() {
        SymbolIndex small = clean("FUNC 10 10 0 f\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            big.append("FUNC ").append(Integer.toHexString(0x1000 + i * 16)).append(" 10 0 function_").append(i).append('\n');
            big.append(Integer.toHexString(0x1000 + i * 16)).append(" 10 ").append(i).append(" 0\n");
        }
        SymbolIndex large = clean(big.toString());
        assertEquals(10_000, large.functionCount());
        assertEquals(10_000, large.lineCount());
        assertTrue(large.estimatedBytes() > small.estimatedBytes() + 10_000 * 30, String.valueOf(large.estimatedBytes()));
        assertEquals("function_9999", large.function(0x1000 + 9999 * 16 + 3).name());
        assertEquals(9999, large.line(0x1000 + 9999 * 16 + 3).line());
    }
}
