package io.breakwater.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frame normalization: Socorro's expectations plus real C++, Rust and Windows frames. */
class FrameNormalizerTest {

    private final FrameNormalizer normalizer = new FrameNormalizer(
            SignatureLists.of(List.of(), List.of(), List.of(), List.of("fnNeedNumber")));

    private String frame(String module, String function, String file, Integer line, String moduleOffset) {
        return normalizer.normalize(module, function, file, line, moduleOffset, null, List.of());
    }

    @Test
    void framesWithoutFunctions() {
        assertEquals("source#23", frame("module", "", "source/", 23, "0xFFF"));
        assertEquals("source#23", frame("module", "", "source\\", 23, "0xFFF"));
        assertEquals("source#23", frame("module", "", "/a/b/c/source", 23, "0xFFF"));
        assertEquals("source#23", frame("module", "", "\\a\\b\\c\\source", 23, "0xFFF"));
        assertEquals("module@0xfff", frame("module", "", "\\a\\b\\c\\source", null, "0xFFF"));
        assertEquals("module@0xfff", frame("module", "", "", 23, "0xFFF"));
        assertEquals("linux-gate.so@0x2000", frame("linux-gate.so", null, null, null, "0x2000"));
        assertEquals("KERNELBASE.dll@0x115f6", frame("KERNELBASE.dll", null, null, null, "0x00000000000115f6"));
        // No module at all: the absolute address.
        assertEquals("@0x7ffdc5fd2318", normalizer.normalize(null, null, null, null, null, "0x00007ffdc5fd2318", List.of()));
        // An address inside a module that was unloaded.
        assertEquals("(unloaded gfx.dll@0x1c0)", normalizer.normalize(null, null, null, null, null, "0x7ff01c0",
                List.of(new UnloadedModule("gfx.dll", List.of("0x00001c0")))));
        assertEquals("(unloaded gfx.dll)", normalizer.normalize(null, null, null, null, null, "0x7ff01c0",
                List.of(new UnloadedModule("gfx.dll", List.of()))));
    }

    @Test
    void rustFilesPickRustNormalization() {
        assertEquals("expect_failed", frame("module", "expect_failed::h7f635057bfba806a",
                "hg:hg.mozilla.org/a/b:servio/wrapper.rs:44444444444", 23, "0xFFF"));
        // A C++ file keeps a "::h<hex>" tail: only Rust frames drop hashes.
        assertEquals("expect_failed::h7f635057bfba806a", frame("module", "expect_failed::h7f635057bfba806a",
                "/src/wrapper.cc", 23, "0xFFF"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "fn; fn",
            "fnNeedNumber; fnNeedNumber:23",
            "f( *s); f",
            "f3(s,t,u); f3",
            "operator()(s,t,u); operator()",
            "::(anonymous namespace)::f3(s,t,u); ::(anonymous namespace)::f3",
            "mozilla::layers::BasicImageLayer::Paint(mozilla::gfx::DrawTarget*, mozilla::gfx::PointTyped<mozilla::gfx::UnknownUnits, float> const&, mozilla::layers::Layer*); mozilla::layers::BasicImageLayer::Paint",
            "void nsDocumentViewer::DestroyPresShell(); nsDocumentViewer::DestroyPresShell",
            "bool CCGraphBuilder::BuildGraph(class js::SliceBudget& const); CCGraphBuilder::BuildGraph",
            "f<3>(s,t,u); f<T>",
            "Alpha<Bravo<Charlie>, Delta>::Echo<Foxtrot>; Alpha<T>::Echo<T>",
            "thread_start<unsigned int (__cdecl*)(void* __ptr64)>; thread_start<T>",
            "class JSObject* DoCallback<JSObject*>(class JS::CallbackTracer*, class JSObject**, const char*); DoCallback<T>",
            // Operator functions skip the return-type step.
            "JS::Heap<JSObject*>::operator JSObject* const &(); JS::Heap<T>::operator JSObject* const&",
            // Trailing cv/ref qualifiers go.
            "JSObject::allocKindForTenure const; JSObject::allocKindForTenure",
            "mozilla::jni::GlobalRef<mozilla::jni::Object>::operator=(mozilla::jni::Ref<mozilla::jni::Object, _jobject*> const&)&; mozilla::jni::GlobalRef<T>::operator=",
            "`anonymous namespace'::foo; (anonymous namespace)::foo",
            "(anonymous namespace)::foo; (anonymous namespace)::foo",
            "ShutdownWorkThreads::$_52::__invoke; ShutdownWorkThreads::$::__invoke",
            // Real frames of the generated corpus (gcc 12, Breakpad dump_syms).
            "(anonymous namespace)::CrasherMain(void*); (anonymous namespace)::CrasherMain",
            "std::rethrow_exception(std::__exception_ptr::exception_ptr); std::rethrow_exception",
            "google_breakpad::ExceptionHandler::WriteMinidump(); google_breakpad::ExceptionHandler::WriteMinidump",
            // The PGO/partitioning cold-clone label goes (Socorro leaves the space; the whitespace rule trims).
            "(anonymous namespace)::ThrowCallback(int, void*) [clone .cold]; '(anonymous namespace)::ThrowCallback '",
            // Real Windows frames (MSVC names from PDB symbols).
            "std::basic_string<char,std::char_traits<char>,std::allocator<char> >::_Tidy(bool,unsigned int); std::basic_string<T>::_Tidy",
            "`anonymous namespace'::TryReadMinidumpStream; (anonymous namespace)::TryReadMinidumpStream",
    })
    void normalizesCppFunctions(String function, String expected) {
        assertEquals(expected, normalizer.normalizeCppFunction(function, 23));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "expect_failed::h7f635057bfba806a; expect_failed",
            "expect_failed::h7f6350::blah; expect_failed::h7f6350::blah",
            "static void servo_arc::Arc<style::gecko_properties::ComputedValues>::drop_slow<style::gecko_properties::ComputedValues>(); servo_arc::Arc<T>::drop_slow<T>",
            "static void core::ptr::drop_in_place<style::stylist::CascadeData>(struct style::stylist::CascadeData*); core::ptr::drop_in_place<T>",
            "<rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute; <rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute",
            // Real rust-minidump frames (crash-client test program).
            "core::ptr::write_volatile::<u8>; core::ptr::write_volatile::<T>",
            "std::sys_common::backtrace::__rust_begin_short_backtrace::<fn(), ()>; std::sys_common::backtrace::__rust_begin_short_backtrace::<T>",
            "std::rt::lang_start::<()>::{closure#0}; std::rt::lang_start::<T>::{closure#0}",
            "core::ops::function::impls::<impl core::ops::function::FnOnce<A> for &F>::call_once; core::ops::function::impls::<T>::call_once",
            // Trait paths keep their types, but argument lists inside them still go.
            "<fn() as core::ops::function::FnOnce<()>>::call_once; <fn as core::ops::function::FnOnce<>>::call_once",
            "std::rt::lang_start_internal::{{closure}}; std::rt::lang_start_internal::{{closure}}",
    })
    void normalizesRustFunctions(String function, String expected) {
        assertEquals(expected, normalizer.normalizeRustFunction(function, 23));
    }

    @Test
    void spacesBeforePointersAndAfterCommasAreFixed() {
        assertEquals("Foo<T>::bar", normalizer.normalizeCppFunction("Foo<int *, char &>::bar(int *,char &)", 1));
        assertEquals("fnNeedNumber:7", normalizer.normalizeCppFunction("fnNeedNumber", 7));
        // Without a line number the name stays as it is.
        assertEquals("fnNeedNumber", normalizer.normalizeCppFunction("fnNeedNumber", null));
    }

    @Test
    void restoresModulePathsOfRust134PanicFunctions() {
        assertEquals("std::panicking::begin_panic_fmt", FrameNormalizer.fixMissingModule(
                "git:github.com/rust-lang/rust:src/libstd/panicking.rs:91856ed52c58aa5ba66a015354d1cc69e9779bdf",
                "begin_panic_fmt"));
        assertEquals("panic", FrameNormalizer.fixMissingModule(null, "panic"));
        assertEquals("panic", FrameNormalizer.fixMissingModule("/src/other.rs", "panic"));
    }

    @Test
    void hugeFunctionNamesAreBounded() {
        String huge = "f" + "<int>".repeat(100_000);
        String normalized = normalizer.normalizeCppFunction(huge.substring(0, FrameNormalizer.MAX_FUNCTION_CHARS), 1);
        assertEquals(normalized, normalizer.normalize(null, huge, null, null, null, null, List.of()));
    }
}
