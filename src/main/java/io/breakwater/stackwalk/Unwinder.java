package io.breakwater.stackwalk;

import io.breakwater.minidump.CpuContext;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.ModuleSymbols;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Finds caller frames for one CPU family. Subclasses try, in order, call frame information, frame
 * pointers and stack scanning, as Breakpad's stackwalkers do.
 */
public abstract class Unwinder {

    /** Words searched for a return address by scanning (Breakpad's kRASearchWords). */
    static final int SCAN_WORDS = 40;
    /** The caller of the context frame may be searched further (four times as far). */
    static final int CONTEXT_SCAN_WORDS = SCAN_WORDS * 4;

    protected final CpuRegisters regs;
    protected final StackMemory memory;
    protected final FrameSymbolizer symbolizer;
    protected final SystemInfo systemInfo;
    /** The dump's shared budget; the walker sets it, unwinders used alone never run out. */
    WalkBudget budget = WalkBudget.unlimited();

    protected Unwinder(CpuRegisters regs, StackMemory memory, FrameSymbolizer symbolizer, SystemInfo systemInfo) {
        this.regs = regs;
        this.memory = memory;
        this.symbolizer = symbolizer;
        this.systemInfo = systemInfo;
    }

    public static Unwinder forCpu(CpuRegisters regs, StackMemory memory, FrameSymbolizer symbolizer,
                                  SystemInfo systemInfo) {
        return switch (regs.cpu()) {
            case AMD64 -> new Amd64Unwinder(memory, symbolizer, systemInfo);
            case X86 -> new X86Unwinder(memory, symbolizer, systemInfo);
            case ARM64 -> new Arm64Unwinder(memory, symbolizer, systemInfo);
            case ARM -> new ArmUnwinder(memory, symbolizer, systemInfo);
            default -> null;
        };
    }

    /** The innermost frame, straight from the thread's context. */
    public StackFrame contextFrame(CpuContext context) {
        RegisterSet set = RegisterSet.of(regs, context);
        long pc = set.pc();
        return new StackFrame(pc, pc, FrameTrust.CONTEXT, set);
    }

    /**
     * The caller of the last frame in {@code frames} (physical frames walked so far), or null when the
     * walk ends. {@code scanAllowed} is false once too many frames were found by scanning.
     */
    public abstract StackFrame callerFrame(List<StackFrame> frames, boolean scanAllowed);

    protected final boolean isWindows() {
        return systemInfo != null && systemInfo.os() != null && systemInfo.os().startsWith("Windows");
    }

    /**
     * Breakpad's end-of-stack tests: an instruction address below 4 KiB ends the walk, and the stack
     * pointer must grow (it may stay equal on the first unwind, for leaf functions on CPUs with a link
     * register).
     */
    protected final boolean terminate(long callerPc, long callerSp, long calleeSp, boolean firstUnwind) {
        if (Long.compareUnsigned(callerPc, 1 << 12) < 0) return true;
        int c = Long.compareUnsigned(callerSp, calleeSp);
        return firstUnwind ? c < 0 : c <= 0;
    }

    /**
     * Scans the stack from {@code start} for a word that looks like a return address (it points just
     * past code in a module, inside a known function when the module has symbols).
     *
     * @return {location, value} or null
     */
    protected final long[] scanForReturnAddress(long start, int words) {
        if (memory == null) return null;
        int w = memory.wordSize();
        long mask = memory.mask();
        budget.checkCancelled();
        for (int i = 0; i <= words; i++) {
            if (!budget.takeScanWord()) return null;
            long location = (start + (long) i * w) & mask;
            if (i > 0 && Long.compareUnsigned(location, start & mask) <= 0) break; // wrapped
            OptionalLong v = memory.readWord(location);
            if (v.isEmpty()) break;
            long ip = v.getAsLong();
            long probe = (ip - 1) & mask;
            if (symbolizer.modules().at(probe) != null && symbolizer.instructionSeemsValid(probe)) {
                return new long[] {location, ip};
            }
        }
        return null;
    }

    protected final long[] scanForReturnAddress(long start, boolean contextFrame) {
        return scanForReturnAddress(start, contextFrame ? CONTEXT_SCAN_WORDS : SCAN_WORDS);
    }

    protected final OptionalLong read(long address) {
        return memory == null ? OptionalLong.empty() : memory.readWord(address);
    }

    /**
     * Registers of the caller from STACK CFI rules: {@code .cfa} and {@code .ra} must evaluate; other
     * rules that fail are skipped. The result holds the explicitly recovered registers plus
     * {@code .cfa}/{@code .ra} under those names; the caller decides how to map them.
     */
    protected final CfiResult evaluateCfi(ModuleSymbols.CfiRules cfiRules, RegisterSet callee) {
        if (cfiRules == null || cfiRules.rules() == null || memory == null) return null;
        CompiledCfi rules = cfiRules.compiled(CompiledCfi::of);
        if (rules.cfa() == null || rules.ra() == null) return null;
        if (!budget.takeCfiEvaluation()) return null;
        if (cfiEvaluator == null) {
            cfiVariables = new RegisterVariables();
            cfiEvaluator = new PostfixEvaluator(cfiVariables, memory, regs.wordSize());
        }
        RegisterVariables variables = cfiVariables;
        PostfixEvaluator evaluator = cfiEvaluator;
        variables.reset(callee);
        OptionalLong cfa = evaluator.evaluateForValue(rules.cfa());
        if (cfa.isEmpty()) return null;
        variables.cfa(cfa.getAsLong());
        OptionalLong ra = evaluator.evaluateForValue(rules.ra());
        if (ra.isEmpty()) return null;
        RegisterSet recovered = new RegisterSet(regs);
        for (int r = 0; r < rules.registers().length; r++) {
            int index = regs.indexOf(rules.registers()[r]);
            if (index < 0) continue;
            OptionalLong value = evaluator.evaluateForValue(rules.programs()[r]);
            if (value.isPresent()) recovered.set(index, value.getAsLong());
        }
        return new CfiResult(cfa.getAsLong(), ra.getAsLong(), recovered);
    }

    /** A rule set split into its programs once: {@code .cfa}, {@code .ra} (null when absent), then each register's. */
    private record CompiledCfi(PostfixProgram cfa, PostfixProgram ra, String[] registers, PostfixProgram[] programs) {
        static CompiledCfi of(Map<String, String> rules) {
            String cfa = rules.get(".cfa");
            String ra = rules.get(".ra");
            List<String> registers = new ArrayList<>();
            List<PostfixProgram> programs = new ArrayList<>();
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                if (rule.getKey().equals(".cfa") || rule.getKey().equals(".ra")) continue;
                registers.add(rule.getKey());
                programs.add(PostfixProgram.of(rule.getValue()));
            }
            return new CompiledCfi(cfa == null ? null : PostfixProgram.of(cfa), ra == null ? null : PostfixProgram.of(ra),
                    registers.toArray(String[]::new), programs.toArray(PostfixProgram[]::new));
        }
    }

    /** Outcome of evaluating STACK CFI rules. */
    protected record CfiResult(long cfa, long ra, RegisterSet explicit) {}

    /** One evaluator for all of this unwinder's frames: an unwinder walks one thread, on one thread. */
    private PostfixEvaluator cfiEvaluator;
    private RegisterVariables cfiVariables;

    /** Every spelling of every register, to its index; built once per unwinder. */
    private Map<String, Integer> spellings;

    private Map<String, Integer> spellings() {
        if (spellings == null) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < regs.count(); i++) {
                for (String name : namesOf(i)) map.put(name, i);
            }
            spellings = map;
        }
        return spellings;
    }

    /**
     * The callee's registers under all their spellings, plus {@code .cfa} and anything a rule assigns,
     * looked up on demand rather than copied into a map for every frame.
     */
    private final class RegisterVariables implements PostfixEvaluator.Variables {
        private RegisterSet callee;
        private Map<String, Long> assigned;
        private long cfa;
        private boolean hasCfa;

        /** Starts a frame: its callee's registers, no {@code .cfa}, nothing assigned. */
        void reset(RegisterSet frameCallee) {
            callee = frameCallee;
            hasCfa = false;
            if (assigned != null) assigned.clear();
        }

        /** {@code .cfa}; programs cannot assign it (they assign only {@code $}-names), so it needs no map. */
        void cfa(long value) {
            cfa = value;
            hasCfa = true;
        }

        @Override
        public Long get(String name) {
            if (hasCfa && name.equals(".cfa")) return cfa;
            if (assigned != null && !assigned.isEmpty()) {
                Long v = assigned.get(name);
                if (v != null) return v;
            }
            Integer index = spellings().get(name);
            return index != null && callee.isValid(index) ? callee.get(index) : null;
        }

        @Override
        public void put(String name, long value) {
            if (assigned == null) assigned = new HashMap<>();
            assigned.put(name, value);
        }
    }

    /** Every spelling a symbol file may use for register {@code i}. */
    private String[] namesOf(int i) {
        String n = regs.name(i);
        return switch (regs.cpu()) {
            case X86, AMD64 -> n.equals("efl") ? new String[] {"$efl", "$eflags", "efl"} : new String[] {"$" + n, n};
            case ARM64 -> switch (n) {
                case "fp" -> new String[] {"x29", "fp", "$x29"};
                case "lr" -> new String[] {"x30", "lr", "$x30"};
                default -> new String[] {n, "$" + n};
            };
            case ARM -> switch (n) {
                case "sp" -> new String[] {"sp", "r13", "$sp"};
                case "lr" -> new String[] {"lr", "r14", "$lr"};
                case "pc" -> new String[] {"pc", "r15", "$pc"};
                default -> new String[] {n, "$" + n};
            };
            default -> new String[] {n};
        };
    }
}
