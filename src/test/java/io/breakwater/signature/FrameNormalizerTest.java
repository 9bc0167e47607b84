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
        assertEquals("module", frame("module", "", "\\a\\b\\c\\source", null, "0xFFF"));
        assertEquals("module", frame("module", "", "", 23, "0xFFF"));
        // No module at all: the absolute address.
        assertEquals("@0x7ffdc5fd2318", normalizer.normalize(null, null, null, null, null, "0x00007ffdc5fd2318", List.of()));
        // An address inside a module that was unloaded.
        assertEquals("(unloaded gfx.dll)", normalizer.normalize(null, null, null, null, null, "0x7ff01c0",
                List.of(new UnloadedModule("gfx.dll", List.of("0x00001c0")))));
        assertEquals("(unloaded gfx.dll)", normalizer.normalize(null, null, null, null, null, "0x7ff01c0",
                List.of(new UnloadedModule("gfx.dll", List.of()))));
    }

    // Family 1 of issue 11: frames without a function name. Current Socorro (bug 1895527) writes the module
    // alone, so every unsymbolicated frame of one module reads the same; only a frame in no module keeps
    // an address.
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "libxul.so; 0x8ecff; -; libxul.so",
            "libgtk-3.so.0; 0x00000000003ad8c6; -; libgtk-3.so.0",
            "KERNELBASE.dll; 0x00000000000115f6; 0x7ffd115f6; KERNELBASE.dll",
            "linux-gate.so; 0x2000; -; linux-gate.so",
            // A module without an offset is still just the module.
            "XUL; -; 0x1000; XUL",
            // No module, no module offset: the absolute address, leading zeros dropped.
            "-; -; 0x00007ffdc5fd2318; @0x7ffdc5fd2318",
            // An offset into an unnamed module is the only address left.
            "-; 0x0042; -; @0x42",
    })
    void framesWithoutFunctionsNameTheModuleWithoutOffset(String module, String moduleOffset, String offset,
                                                          String expected) {
        assertEquals(expected, normalizer.normalize(module, null, null, null, moduleOffset, offset, List.of()));
    }

    @Test
    void framesInUnloadedModulesNameTheModuleWithoutOffset() {
        List<UnloadedModule> unloaded = List.of(new UnloadedModule("SnagAA64.dll", List.of("0x2e92", "0x3000")),
                new UnloadedModule("other.dll", List.of("0x10")));
        assertEquals("(unloaded SnagAA64.dll)", normalizer.normalize(null, null, null, null, null, "0x7ff02e92", unloaded));
        assertEquals("(unloaded SnagAA64.dll)", normalizer.normalize(null, null, null, null, null, null,
                List.of(new UnloadedModule("SnagAA64.dll", List.of()))));
        // An unloaded module without a name says nothing: the address is used.
        assertEquals("@0x7ff02e92", normalizer.normalize(null, null, null, null, null, "0x7ff02e92",
                List.of(new UnloadedModule("", List.of("0x2e92")))));
        // A loaded module wins over the unloaded ones, and a function over both.
        assertEquals("app.exe", normalizer.normalize("app.exe", null, null, null, "0x10", "0x7ff02e92", unloaded));
        assertEquals("Foo::bar", normalizer.normalize(null, "Foo::bar()", null, null, null, "0x7ff02e92", unloaded));
    }

    // Family 2 of issue 11: operator names hold "<" and ">" that are not template brackets.
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "js::jit::CodePosition::operator<(js::jit::CodePosition) const; js::jit::CodePosition::operator<",
            "js::jit::CodePosition::operator<=(js::jit::CodePosition) const; js::jit::CodePosition::operator<=",
            "mozilla::Maybe<int>::operator<=>(mozilla::Maybe<int> const&) const; mozilla::Maybe<T>::operator<=>",
            "std::operator<<(std::basic_ostream<char>&, char const*); std::operator<<",
            "mozilla::detail::nsTStringRepr<char>::operator<<=(int); mozilla::detail::nsTStringRepr<T>::operator<<=",
            "bool operator<(nsTString<char> const&, nsTString<char> const&); operator<",
            "mozilla::TimeStamp::operator>(mozilla::TimeStamp const&) const; mozilla::TimeStamp::operator>",
            "mozilla::CheckedInt<unsigned int>::operator>>=(unsigned int); mozilla::CheckedInt<T>::operator>>=",
            "RefPtr<nsIFrame>::operator->() const; RefPtr<T>::operator->",
            // Templates after and before an operator name still collapse.
            "std::less<Foo<int> >::operator()(Foo<int> const&, Foo<int> const&) const; std::less<T>::operator()",
            "mozilla::Vector<js::jit::LiveRange*, 4>::operator[](unsigned long); mozilla::Vector<T>::operator[]",
            // A name that merely contains "operator" is not an operator.
            "Xoperator<int>::run(); Xoperator<T>::run",
    })
    void operatorNamesAreNamesNotBrackets(String function, String expected) {
        assertEquals(expected, normalizer.normalizeCppFunction(function, 23));
    }

    // Family 3 of issue 11: Rust symbols, also when they reach the C/C++ rules (no .rs file, e.g. PUBLIC symbols).
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "core::option::expect_failed::h7f635057bfba806a; /rustc/abc/library/core/src/option.rs; core::option::expect_failed",
            "core::option::expect_failed::h7f635057bfba806a; -; core::option::expect_failed",
            "<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop::h0123456789abcdef; -; <alloc::vec::Vec<T> as core::ops::drop::Drop>::drop",
            "<rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute; -; <rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute",
            "<rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute; /src/job.rs; <rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute",
            "<core::ops::range::Range<usize> as core::slice::index::SliceIndex<[T]>>::index::h00ff00ff00ff00ff; -; <core::ops::range::Range<usize> as core::slice::index::SliceIndex<[T]>>::index",
            "<std::collections::hash::map::HashMap<K, V, S> as core::ops::index::Index<&Q>>::index; /src/map.rs; <std::collections::hash::map::HashMap<K, V, S> as core::ops::index::Index<&Q>>::index",
            // Generic parameters outside the trait-impl path still collapse.
            "core::ptr::drop_in_place<style::stylist::CascadeData>::h1111222233334444; -; core::ptr::drop_in_place<T>",
            // Not a legacy Rust hash (not 16 lower-case hex digits): kept outside Rust files.
            "mozilla::detail::h12ab; -; mozilla::detail::h12ab",
            "Foo::hABCDEF0123456789; -; Foo::hABCDEF0123456789",
    })
    void rustSymbolsLoseTheirHashAndKeepTraitImpls(String function, String file, String expected) {
        assertEquals(expected, normalizer.normalize("xul.dll", function, file, file == null ? null : 10, "0x10", null,
                List.of()));
    }

    @Test
    void rustFilesPickRustNormalization() {
        assertEquals("expect_failed", frame("module", "expect_failed::h7f635057bfba806a",
                "hg:hg.mozilla.org/a/b:servio/wrapper.rs:44444444444", 23, "0xFFF"));
        // A C++ file keeps a "::h<hex>" tail that is not a 16-digit Rust hash.
        assertEquals("expect_failed::h7f6350", frame("module", "expect_failed::h7f6350", "/src/wrapper.cc", 23, "0xFFF"));
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
