package io.breakwater.signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The text helpers behave like Socorro's utils (facts from Socorro's own test expectations). */
class SignatureTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "HeapFree; HeapFree",
            "Foo<bar>; Foo<T>",
            "<bar>Foo; <T>Foo",
            "<bar>; <T>",
            // Unclosed or badly nested parameters still collapse.
            "Foo<bar; Foo<T>",
            "Foo<bar <baz> >; Foo<T>",
            "Foo<bar<baz>; Foo<T>",
            "CLayeredObjectWithCLS<CCryptoSession>::Release(); CLayeredObjectWithCLS<T>::Release()",
            "core::ptr::drop_in_place<style::stylist::CascadeData>; core::ptr::drop_in_place<T>",
            // Kept: placeholders and Windows "<unknown in x.dll>" frames.
            "<name omitted>; <name omitted>",
            "<unknown in foobar.dll>; <unknown in foobar.dll>",
            // IPC::ParamTraits keeps its brackets but its contents still collapse.
            "IPC::ParamTraits<nsTSubstring<char> >::Write(IPC::Message *,nsTSubstring<char> const &); "
                    + "IPC::ParamTraits<nsTSubstring<T> >::Write(IPC::Message *,nsTSubstring<T> const &)",
    })
    void collapsesCppTemplateParameters(String function, String expected) {
        assertEquals(expected, SignatureText.collapseCppTypes(function));
    }

    @Test
    void keepsRustTraitQualifiedPaths() {
        String trait = "<rayon_core::job::HeapJob<BODY> as rayon_core::job::Job>::execute";
        assertEquals(trait, SignatureText.collapseRustTypes(trait));
        assertEquals("alloc::vec::Vec<T>::push", SignatureText.collapseRustTypes("alloc::vec::Vec<u8>::push"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "testVal; testVal",
            "f( *s); f",
            "f( &s); f",
            "f( *s , &n); f",
            "f3(s,t,u); f3",
            "(anonymous namespace)::foo; (anonymous namespace)::foo",
            "CCGraphBuilder::BuildGraph(class js::SliceBudget& const); CCGraphBuilder::BuildGraph",
            "operator()(s,t,u); operator()",
            // An anonymous namespace inside the arguments does not save the argument list.
            "mozilla::SpinEventLoopUntil(nsTSubstring<T> const&, (anonymous namespace)::ParentImpl::ShutdownBackgroundThread::<T>&&, nsIThread*); mozilla::SpinEventLoopUntil",
            "google_breakpad::ExceptionHandler::WriteMinidump(); google_breakpad::ExceptionHandler::WriteMinidump",
    })
    void collapsesCppArguments(String function, String expected) {
        assertEquals(expected, SignatureText.collapseCppArguments(function));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "`anonymous namespace'::xClose; `anonymous namespace'::xClose",
            "bool CCGraphBuilder::BuildGraph(class js::SliceBudget & const); CCGraphBuilder::BuildGraph(class js::SliceBudget & const)",
            "js::Shape* js::Allocate<js::Shape, (js::AllowGC)1>(JSContext*); js::Allocate<js::Shape, (js::AllowGC)1>(JSContext*)",
            "static `anonymous-namespace'::reflectStatus `anonymous namespace'::internal_ReflectHistogramAndSamples(struct JSContext *); `anonymous namespace'::internal_ReflectHistogramAndSamples(struct JSContext *)",
            "static const class SkTMaskGamma<3,3,3> & const cached_mask_gamma(float, float, float); cached_mask_gamma(float, float, float)",
            "static unsigned int pr_root(void *); pr_root(void *)",
            "void mozilla::layers::MLGDeviceD3D11::~MLGDeviceD3D11(); mozilla::layers::MLGDeviceD3D11::~MLGDeviceD3D11()",
            "static <NoType> std::panicking::begin_panic<str*>(struct str*, struct (str*, u32, u32) *); std::panicking::begin_panic<str*>(struct str*, struct (str*, u32, u32) *)",
            "static struct atomic_refcell::AtomicRefMut<style::data::ElementData> style::gecko::wrapper::{{impl}}::ensure_data(struct style::gecko::wrapper::GeckoElement *); style::gecko::wrapper::{{impl}}::ensure_data(struct style::gecko::wrapper::GeckoElement *)",
            // A space before the argument list or a [clone …] label keeps them with the name.
            "[thunk]:CShellItem::QueryInterface`adjustor{12}' (_GUID const&, void**); [thunk]:CShellItem::QueryInterface`adjustor{12}' (_GUID const&, void**)",
            "nsXPConnect::InitStatics() [clone .cold.638]; nsXPConnect::InitStatics() [clone .cold.638]",
            "js::AssertObjectIsSavedFrameOrWrapper(JSContext*, JS::Handle<JSObject*>) [clone .isra.234] [clone .cold.687]; js::AssertObjectIsSavedFrameOrWrapper(JSContext*, JS::Handle<JSObject*>) [clone .isra.234] [clone .cold.687]",
            "(anonymous namespace)::EnqueueTask(already_AddRefed<nsIRunnable>, int); (anonymous namespace)::EnqueueTask(already_AddRefed<nsIRunnable>, int)",
    })
    void dropsPrefixAndReturnType(String function, String expected) {
        assertEquals(expected, SignatureText.dropPrefixAndReturnType(function));
    }

    @Test
    void parsesSourceFiles() {
        assertEquals("js/src/vm/JSFunction.cpp", SignatureText.parseSourceFile(
                "hg:hg.mozilla.org/releases/mozilla-release:js/src/vm/JSFunction.cpp:7d280b7e277b82ef282325fefb601c10698e075b"));
        assertEquals("src/libcore/cmp.rs", SignatureText.parseSourceFile(
                "git:github.com/rust-lang/rust:src/libcore/cmp.rs:4d90ac38c0b61bb69470b61ea2cccea0df48d9e5"));
        assertEquals("\\dd\\vctools\\crt\\crtw32\\mbstring\\mbsnbico.c",
                SignatureText.parseSourceFile("f:\\dd\\vctools\\crt\\crtw32\\mbstring\\mbsnbico.c"));
        assertEquals("/src/crashgen/crashgen.cc", SignatureText.parseSourceFile("/src/crashgen/crashgen.cc"));
        // Relative paths are not recognised (so a relative .rs file is normalized as C++, like Socorro).
        assertNull(SignatureText.parseSourceFile("./nptl/pthread_kill.c"));
        assertNull(SignatureText.parseSourceFile(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0x32ec0; 0x32ec0",
            "0x0000000000032ec0; 0x32ec0",
            "0x0; 0x0",
            "0xFFF; 0xfff",
            // Socorro reads a bare number as hex too.
            "40; 0x40",
            "not hex; not hex",
    })
    void stripsLeadingZeros(String text, String expected) {
        assertEquals(expected, SignatureText.stripLeadingZeros(text));
    }

    @Test
    void dropsBadCharacters() {
        assertEquals("123", SignatureText.dropBadCharacters("1\u018a23"));
        assertEquals("1 23", SignatureText.dropBadCharacters("\r\n\t1 23"));
        assertEquals("1 23", SignatureText.dropBadCharacters("\0\b1 23"));
    }

    @Test
    void baseNameHandlesBothSeparators() {
        assertEquals("source", SignatureText.baseName("source/"));
        assertEquals("source", SignatureText.baseName("\\a\\b\\c\\source"));
        assertEquals("crashgen.cc", SignatureText.baseName("/src/crashgen/crashgen.cc"));
    }

    @Test
    void splitsLinesLikePython() {
        assertEquals(List.of("a", "b", "c", "d"), SignatureText.splitLines("a\nb\r\nc\rd\n"));
        assertEquals(List.of(), SignatureText.splitLines(""));
    }
}
