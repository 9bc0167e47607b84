package io.breakwater.stackwalk.output;

import io.breakwater.minidump.MinidumpModule;
import io.breakwater.stackwalk.CallStack;
import io.breakwater.stackwalk.FrameTrust;
import io.breakwater.stackwalk.ProcessState;
import io.breakwater.stackwalk.RegisterSet;

import java.util.Set;

/** Human-readable report in the layout of Breakpad's {@code minidump_stackwalk}. */
public final class HumanWriter {

    private static final int MAX_WIDTH = 80;

    private HumanWriter() {}

    public static String write(ProcessState state) {
        StringBuilder sb = new StringBuilder(16384);
        BreakpadView view = new BreakpadView(state);
        sb.append("Operating system: ").append(SystemText.osName(state)).append('\n');
        sb.append("                  ").append(SystemText.breakpadOsVersion(state)).append('\n');
        sb.append("CPU: ").append(SystemText.cpuName(state)).append('\n');
        String cpuInfo = SystemText.cpuInfo(state);
        if (!cpuInfo.isEmpty()) sb.append("     ").append(cpuInfo).append('\n');
        sb.append("     ").append(state.cpuCount()).append(" CPU").append(state.cpuCount() != 1 ? "s" : "").append("\n\n");
        sb.append("GPU: UNKNOWN\n\n");
        if (state.crashed()) {
            sb.append("Crash reason:  ").append(state.crashReason()).append('\n');
            sb.append("Crash address: 0x").append(Long.toHexString(state.crashAddress())).append('\n');
            if (!state.crashParameters().isEmpty()) {
                sb.append("Crash parameters:\n");
                for (long p : state.crashParameters()) {
                    sb.append(String.format("    value: 0x%016x  description: \n", p));
                }
            }
        } else {
            sb.append("No crash\n");
        }
        String assertion = state.extras().assertion();
        if (assertion != null && !assertion.isEmpty()) sb.append("Assertion: ").append(assertion).append('\n');
        Long uptime = state.processUptime();
        sb.append("Process uptime: ").append(uptime == null ? "not available" : uptime + " seconds").append('\n');

        String cpu = state.cpu();
        if (view.requestingThread >= 0) {
            sb.append('\n').append("Thread ").append(view.requestingThread)
              .append(state.crashed() ? " (crashed)" : " (requested dump, did not crash)").append('\n');
            stack(sb, view.threads.get(view.requestingThread), cpu);
        }
        for (int i = 0; i < view.threads.size(); i++) {
            if (i == view.requestingThread) continue;
            sb.append('\n').append("Thread ").append(i).append('\n');
            stack(sb, view.threads.get(i), cpu);
        }

        sb.append("\nLoaded modules:\n");
        MinidumpModule main = state.modules().mainModule();
        Set<MinidumpModule> missing = state.symbols().modulesWithoutSymbols();
        Set<MinidumpModule> corrupt = state.symbols().modulesWithCorruptSymbols();
        for (MinidumpModule m : state.modules().byAddress()) {
            sb.append(BreakpadView.hex8(m.baseAddress())).append(" - ")
              .append(BreakpadView.hex8(m.baseAddress() + m.size() - 1)).append("  ")
              .append(BreakpadView.basename(m.codeFile())).append("  ")
              .append(m.version() == null || m.version().isEmpty() ? "???" : m.version());
            if (main != null && m.baseAddress() == main.baseAddress()) sb.append("  (main)");
            if (missing.contains(m)) {
                sb.append("  (WARNING: No symbols, ").append(BreakpadView.basename(m.debugFile())).append(", ")
                  .append(m.debugId()).append(')');
            } else if (corrupt.contains(m)) {
                sb.append("  (WARNING: Corrupt symbols, ").append(BreakpadView.basename(m.debugFile())).append(", ")
                  .append(m.debugId()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void stack(StringBuilder sb, CallStack stack, String cpu) {
        var frames = BreakpadView.frames(stack);
        if (frames.isEmpty()) sb.append(" <no frames>\n");
        int index = 0;
        for (BreakpadView.Frame f : frames) {
            sb.append(String.format("%2d  ", index++));
            if (f.module() != null) {
                sb.append(BreakpadView.basename(f.module().codeFile()));
                if (f.function() != null && !f.function().isEmpty()) {
                    sb.append('!').append(f.function());
                    if (f.hasFile()) {
                        sb.append(" [").append(BreakpadView.basename(f.file())).append(" : ").append(f.line())
                          .append(" + ").append(f.offsetText()).append(']');
                    } else {
                        sb.append(" + ").append(f.offsetText());
                    }
                } else {
                    sb.append(" + ").append(f.offsetText());
                }
            } else {
                sb.append(f.offsetText());
            }
            sb.append("\n ");
            if (f.trust() != FrameTrust.INLINE) registers(sb, f.physical().registers(), cpu);
            sb.append("\n    Found by: ").append(f.trust().description()).append('\n');
        }
    }

    private static void registers(StringBuilder sb, RegisterSet regs, String cpu) {
        int col = 0;
        boolean wide = regs.cpu().wordSize() == 8;
        switch (cpu) {
            case "x86" -> {
                for (String r : new String[] {"eip", "esp", "ebp", "ebx", "esi", "edi"}) col = reg(sb, regs, r, r, col, wide);
                if (regs.allValid()) {
                    for (String r : new String[] {"eax", "ecx", "edx"}) col = reg(sb, regs, r, r, col, wide);
                    reg(sb, regs, "efl", "efl", col, wide);
                }
            }
            case "arm" -> {
                for (int i = 0; i <= 10; i++) col = reg(sb, regs, "r" + i, "r" + i, col, wide);
                col = reg(sb, regs, "r12", "r12", col, wide);
                col = reg(sb, regs, "r11", "fp", col, wide);
                for (String r : new String[] {"sp", "lr", "pc"}) col = reg(sb, regs, r, r, col, wide);
            }
            default -> {
                for (int i = 0; i < regs.cpu().count(); i++) {
                    String name = regs.cpu().name(i);
                    col = reg(sb, regs, name, name, col, wide);
                }
            }
        }
    }

    private static int reg(StringBuilder sb, RegisterSet regs, String name, String label, int col, boolean wide) {
        int i = regs.cpu().indexOf(name);
        if (i < 0 || !regs.isValid(i)) return col;
        String text = wide ? String.format(" %5s = 0x%016x", label, regs.get(i))
                           : String.format(" %5s = 0x%08x", label, regs.get(i) & 0xFFFF_FFFFL);
        if (col + text.length() > MAX_WIDTH) {
            col = 0;
            sb.append("\n ");
        }
        sb.append(text);
        return col + text.length();
    }
}
