package io.breakwater.signature;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints signature generation throughput (not a test): a real corpus stack and a 60-frame stack of long
 * C++ template names. Run with the test classpath: {@code java … io.breakwater.signature.SignatureBenchmark}.
 */
public final class SignatureBenchmark {

    public static void main(String[] args) {
        SignatureGenerator generator = new SignatureGenerator(SignatureLists.defaults());
        CrashData corpus = TestCrashes.fromMachineReadable(TestCrashes.CORPUS.resolve("generated/exception/stackwalk-m.txt"));
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            frames.add(Frame.ofFunction("libapp.so", "std::_Function_handler<void (int, std::vector<std::pair<std::string, int>>), "
                    + "app::detail::Dispatcher<app::Handler" + i + ", std::allocator<char>>::lambda>::_M_invoke(std::_Any_data const&, int&&)",
                    "/src/app/dispatch.h", 100 + i));
        }
        CrashData templates = CrashData.of("Linux", 0, List.of(CrashThread.of(frames)));
        run("corpus exception stack", generator, corpus);
        run("60 template-heavy frames", generator, templates);
    }

    private static void run(String name, SignatureGenerator generator, CrashData crash) {
        for (int i = 0; i < 20_000; i++) {
            generator.generate(crash);
        }
        int rounds = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            generator.generate(crash);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-28s %,10.0f signatures/s  %6.1f us each  -> %s%n", name, rounds / seconds,
                seconds * 1e6 / rounds, generator.generate(crash).signature());
    }
}
