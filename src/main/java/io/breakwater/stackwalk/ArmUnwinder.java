package io.breakwater.stackwalk;

import io.breakwater.minidump.SystemInfo;

import java.util.List;
import java.util.OptionalLong;

/**
 * 32-bit ARM: STACK CFI (not for iOS, whose CFI Breakpad does not trust), the r7 frame-pointer chain
 * on iOS only, then stack scanning.
 */
final class ArmUnwinder extends Unwinder {

    private static final int SP = 13, LR = 14, PC = 15;
    private static final int IOS_FP = 7;
    private static final long MASK = 0xFFFF_FFFFL;

    private final int fpRegister;

    ArmUnwinder(StackMemory memory, FrameSymbolizer symbolizer, SystemInfo systemInfo) {
        super(CpuRegisters.ARM, memory, symbolizer, systemInfo);
        this.fpRegister = isIos() ? IOS_FP : -1;
    }

    private boolean isIos() {
        return systemInfo != null && "iOS".equals(systemInfo.os());
    }

    @Override
    public StackFrame callerFrame(List<StackFrame> frames, boolean scanAllowed) {
        if (memory == null || frames.isEmpty()) return null;
        StackFrame last = frames.get(frames.size() - 1);
        boolean first = frames.size() == 1;
        RegisterSet caller = null;
        FrameTrust trust = FrameTrust.CFI;
        if (!isIos()) caller = byCfi(last);
        if (caller == null && fpRegister >= 0) {
            caller = byFramePointer(last);
            trust = FrameTrust.FRAME_POINTER;
        }
        if (caller == null && scanAllowed) {
            caller = byScan(last, first);
            trust = FrameTrust.SCAN;
        }
        if (caller == null) return null;
        long pc = caller.get(PC);
        if (terminate(pc, caller.get(SP), last.registers.get(SP), first)) return null;
        return new StackFrame((pc - 2) & MASK, pc, trust, caller);
    }

    private RegisterSet byCfi(StackFrame last) {
        CfiResult r = evaluateCfi(symbolizer.cfi(last), last.registers);
        if (r == null) return null;
        RegisterSet caller = r.explicit();
        for (int i = 4; i <= 11; i++) {
            if (!caller.isValid(i) && last.registers.isValid(i)) caller.set(i, last.registers.get(i));
        }
        if (!caller.isValid(PC)) {
            if (fpRegister < 0) {
                caller.set(PC, r.ra());
            } else {
                caller.set(LR, r.ra());
                caller.set(PC, last.registers.get(LR));
            }
        }
        if (!caller.isValid(SP)) caller.set(SP, r.cfa());
        return caller;
    }

    private RegisterSet byFramePointer(StackFrame last) {
        RegisterSet lastRegs = last.registers;
        if (!lastRegs.isValid(fpRegister)) return null;
        long fp = lastRegs.get(fpRegister);
        long callerFp = 0;
        long callerLr = 0;
        if (fp != 0) {
            OptionalLong f = read(fp);
            if (f.isEmpty()) return null;
            OptionalLong l = read(fp + 4);
            if (l.isEmpty()) return null;
            callerFp = f.getAsLong();
            callerLr = l.getAsLong();
        }
        long callerSp = fp != 0 ? (fp + 8) & MASK : lastRegs.get(SP);
        RegisterSet caller = new RegisterSet(regs);
        caller.set(fpRegister, callerFp);
        caller.set(SP, callerSp);
        caller.set(PC, lastRegs.get(LR));
        caller.set(LR, callerLr);
        return caller;
    }

    private RegisterSet byScan(StackFrame last, boolean contextFrame) {
        long[] found = scanForReturnAddress(last.registers.get(SP), contextFrame);
        if (found == null) return null;
        RegisterSet caller = new RegisterSet(regs);
        caller.set(PC, found[1]);
        caller.set(SP, (found[0] + 4) & MASK);
        return caller;
    }
}
