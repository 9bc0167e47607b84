package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.SystemInfo;
import io.breakwater.symbols.ModuleSymbols;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * x86: STACK WIN (frame data programs and FPO records), then STACK CFI, then the ebp chain with stack
 * scanning as the fallback, following Breakpad's heuristics for MSVC frames.
 */
final class X86Unwinder extends Unwinder {

    private static final int EIP = 0, ESP = 1, EBP = 2, EBX = 3, ESI = 4, EDI = 5;
    private static final long MASK = 0xFFFF_FFFFL;
    /** Largest plausible gap between two frames when re-deriving an ebp chain after a scan. */
    private static final long MAX_REASONABLE_FRAME_GAP = 128 * 1024;
    private static final int STACK_WIN_FPO = 0;

    X86Unwinder(StackMemory memory, FrameSymbolizer symbolizer, SystemInfo systemInfo) {
        super(CpuRegisters.X86, memory, symbolizer, systemInfo);
    }

    @Override
    public StackFrame callerFrame(List<StackFrame> frames, boolean scanAllowed) {
        if (memory == null || frames.isEmpty()) return null;
        StackFrame last = frames.get(frames.size() - 1);
        boolean first = last.trust == FrameTrust.CONTEXT;
        StackFrame caller = null;
        if (findWindowsFrameInfo(last)) caller = byWindowsFrameInfo(frames, last, scanAllowed);
        if (caller == null) caller = byCfi(last);
        if (caller == null) caller = byEbpAtBase(last, scanAllowed);
        if (caller == null) return null;
        long eip = caller.registers.get(EIP);
        if (terminate(eip, caller.registers.get(ESP), last.registers.get(ESP), first)) return null;
        caller.instruction = (eip - 1) & MASK;
        caller.returnAddress = eip;
        return caller;
    }

    /** Looks up STACK WIN info (or at least the parameter size of the FUNC) and remembers it on the frame. */
    private boolean findWindowsFrameInfo(StackFrame frame) {
        MinidumpModule module = symbolizer.modules().at(frame.instruction);
        ModuleSymbols symbols = symbolizer.symbols(module);
        if (symbols == null) return false;
        long offset = frame.instruction - module.baseAddress();
        ModuleSymbols.WinFrameInfo info = symbols.winFrame(offset);
        if (info != null) {
            frame.winFrameInfo = info;
            frame.winParameterSize = info.parameterSize();
            frame.winParameterSizeValid = true;
            return true;
        }
        ModuleSymbols.FunctionHit function = symbols.function(offset);
        if (function != null) {
            frame.winParameterSize = function.parameterSize();
            frame.winParameterSizeValid = true;
            return true;
        }
        return false;
    }

    private StackFrame byWindowsFrameInfo(List<StackFrame> frames, StackFrame last, boolean scanAllowed) {
        ModuleSymbols.WinFrameInfo info = last.winFrameInfo;
        if (info == null) return null; // parameter size only: not enough to unwind
        if (!budget.takeCfiEvaluation()) return null;
        boolean contextFrame = last.trust == FrameTrust.CONTEXT;

        // Arguments the last frame pushed for its callee sit between its esp and its locals.
        long calleeParameterSize = 0;
        if (frames.size() >= 2) {
            StackFrame callee = frames.get(frames.size() - 2);
            if (callee.winParameterSizeValid) calleeParameterSize = callee.winParameterSize & MASK;
        }

        RegisterSet lastRegs = last.registers;
        Map<String, Long> dict = new HashMap<>();
        dict.put("$ebp", lastRegs.get(EBP));
        dict.put("$esp", lastRegs.get(ESP));
        if (lastRegs.isValid(EBX)) dict.put("$ebx", lastRegs.get(EBX));
        dict.put(".cbCalleeParams", calleeParameterSize);
        dict.put(".cbSavedRegs", info.savedRegisterSize() & MASK);
        dict.put(".cbLocals", info.localSize() & MASK);

        long raSearchStart = (lastRegs.get(ESP) + calleeParameterSize + info.localSize() + info.savedRegisterSize()) & MASK;
        long raSearchStartOld = raSearchStart;
        // Allow for a quadword-aligned stack: look up to three words further.
        long[] found = scanForReturnAddress(raSearchStart, 3);
        if (found != null) {
            raSearchStart = found[0];
            if (contextFrame && info.type() == STACK_WIN_FPO && raSearchStartOld == raSearchStart
                    && found[1] == lastRegs.get(EIP)) {
                // An FPO system call whose callee returned but left its return address on the stack.
                raSearchStart = (raSearchStart + 4) & MASK;
                long[] again = scanForReturnAddress(raSearchStart, 3);
                if (again != null) raSearchStart = again[0];
            }
        }
        dict.put(".cbParams", info.parameterSize() & MASK);

        String program;
        boolean recoverEbp = true;
        if (info.programString() != null && !info.programString().isEmpty()) {
            program = info.programString();
        } else if (info.allocatesBasePointer()) {
            program = "$eip .raSearchStart ^ = $ebp $esp .cbCalleeParams + .cbSavedRegs + 8 - ^ = "
                    + "$esp .raSearchStart 4 + =";
        } else {
            program = "$eip .raSearchStart ^ = $esp .raSearchStart 4 + =";
            if (lastRegs.isValid(EBX)) program += " $ebx $ebx =";
            recoverEbp = false;
        }
        // A program that aligns the stack makes esp-based search starts useless; ebp is the anchor.
        if (lastRegs.isValid(EBP) && program.indexOf('@') >= 0) {
            raSearchStart = (lastRegs.get(EBP) + 4) & MASK;
        }
        dict.put(".raSearchStart", raSearchStart);
        dict.put(".raSearch", raSearchStart);

        FrameTrust trust = FrameTrust.CFI;
        Set<String> assigned = new HashSet<>();
        PostfixEvaluator evaluator = new PostfixEvaluator(dict, memory, 4);
        if (!evaluator.evaluate(program, assigned) || !assigned.contains("$eip") || !assigned.contains("$esp")) {
            long[] scanned = scanAllowed ? scanForReturnAddress(lastRegs.get(ESP), contextFrame) : null;
            if (scanned == null) return null;
            dict.put("$eip", scanned[1]);
            dict.put("$esp", (scanned[0] + 4) & MASK);
            trust = FrameTrust.SCAN;
        }

        long eip = dict.getOrDefault("$eip", 0L);
        long ebp = dict.getOrDefault("$ebp", 0L);
        if (eip != 0 || ebp != 0) {
            long offset = 0;
            if (!symbolizer.modules().isEmpty() && symbolizer.modules().at(eip) == null) {
                // The program's return address is not code: look one word above its search start.
                long locationStart = (dict.getOrDefault(".raSearchStart", 0L) + 4) & MASK;
                long[] scanned = scanAllowed ? scanForReturnAddress(locationStart, contextFrame) : null;
                if (scanned != null) {
                    dict.put("$eip", scanned[1]);
                    dict.put("$esp", (scanned[0] + 4) & MASK);
                    offset = (scanned[0] - locationStart) & MASK;
                    trust = FrameTrust.CFI_SCAN;
                }
            }
            if (recoverEbp) {
                ebp = dict.getOrDefault("$ebp", 0L);
                boolean skippedFrames = trust != FrameTrust.CFI
                        && Long.compareUnsigned(ebp, (raSearchStart + offset) & MASK) <= 0;
                if (skippedFrames || !memory.hasWord(ebp)) {
                    long searchBytes = (info.savedRegisterSize() + offset) & MASK;
                    long end = (lastRegs.get(ESP) + calleeParameterSize) & MASK;
                    long location = (end + searchBytes) & MASK;
                    for (long steps = 0; steps <= searchBytes / 4 && Long.compareUnsigned(location, end) >= 0; steps++) {
                        OptionalLong candidate = memory.readWord(location);
                        if (candidate.isEmpty()) break;
                        if (memory.hasWord(candidate.getAsLong())) {
                            dict.put("$ebp", candidate.getAsLong());
                            break;
                        }
                        location = (location - 4) & MASK;
                    }
                }
            }
        }

        RegisterSet caller = new RegisterSet(regs);
        caller.set(EIP, dict.getOrDefault("$eip", 0L));
        caller.set(ESP, dict.getOrDefault("$esp", 0L));
        caller.set(EBP, dict.getOrDefault("$ebp", 0L));
        if (assigned.contains("$ebx")) caller.set(EBX, dict.get("$ebx"));
        if (assigned.contains("$esi")) caller.set(ESI, dict.get("$esi"));
        if (assigned.contains("$edi")) caller.set(EDI, dict.get("$edi"));
        return new StackFrame(0, 0, trust, caller);
    }

    private StackFrame byCfi(StackFrame last) {
        CfiResult r = evaluateCfi(symbolizer.cfi(last), last.registers);
        if (r == null) return null;
        RegisterSet caller = r.explicit();
        if (!caller.isValid(ESP)) caller.set(ESP, r.cfa());
        if (!caller.isValid(EIP)) caller.set(EIP, r.ra());
        for (int i = 0; i < regs.count(); i++) {
            if (!caller.isValid(i) && regs.isCalleeSaved(i) && last.registers.isValid(i)) {
                caller.set(i, last.registers.get(i));
            }
        }
        if (!caller.isValid(EIP) || !caller.isValid(ESP) || !caller.isValid(EBP)) return null;
        return new StackFrame(0, 0, FrameTrust.CFI, caller);
    }

    private StackFrame byEbpAtBase(StackFrame last, boolean scanAllowed) {
        long lastEsp = last.registers.get(ESP);
        long lastEbp = last.registers.get(EBP);
        OptionalLong eipValue = read(lastEbp + 4);
        OptionalLong ebpValue = read(lastEbp);
        long callerEip, callerEsp, callerEbp;
        FrameTrust trust;
        if (eipValue.isPresent() && ebpValue.isPresent()) {
            callerEip = eipValue.getAsLong();
            callerEbp = ebpValue.getAsLong();
            callerEsp = (lastEbp + 8) & MASK;
            trust = FrameTrust.FRAME_POINTER;
        } else {
            long[] found = scanAllowed ? scanForReturnAddress(lastEsp, last.trust == FrameTrust.CONTEXT) : null;
            if (found == null) return null;
            callerEip = found[1];
            callerEsp = (found[0] + 4) & MASK;
            // The caller's ebp is usually saved just below the return address.
            long savedAt = (callerEsp - 8) & MASK;
            OptionalLong saved = read(savedAt);
            if (saved.isEmpty() || Long.compareUnsigned(saved.getAsLong(), savedAt) <= 0
                    || saved.getAsLong() - savedAt > MAX_REASONABLE_FRAME_GAP) {
                callerEbp = lastEbp;
            } else {
                callerEbp = saved.getAsLong();
            }
            trust = FrameTrust.SCAN;
        }
        RegisterSet caller = new RegisterSet(regs);
        caller.set(EIP, callerEip);
        caller.set(ESP, callerEsp);
        caller.set(EBP, callerEbp);
        return new StackFrame(0, 0, trust, caller);
    }
}
