package io.breakwater.signature;

import org.junit.jupiter.api.Test;

import static io.breakwater.signature.DefaultListsTesting.rustSignature;
import static io.breakwater.signature.DefaultListsTesting.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakwater's irrelevant list skips runtime machinery on the way to a crash, per runtime. */
class DefaultIrrelevantListTest {

    private final SignatureLists.RegexList irrelevant = SignatureLists.defaults().irrelevant();

    @Test
    void glibcAbortAndAssert() {
        assertEquals("validate_config", signature("Linux",
                "libc.so.6!__pthread_kill_implementation", "libc.so.6!raise", "libc.so.6!abort",
                "crashgen!validate_config", "crashgen!run_abort").signature());
        assertEquals("Parser::readHeader", signature("Linux",
                "libc.so.6!__pthread_kill_implementation", "libc.so.6!raise", "libc.so.6!abort",
                "libc.so.6!__assert_fail_base.cold", "libc.so.6!__assert_fail",
                "app!Parser::readHeader(std::istream&)", "app!Parser::parse()").signature());
        // Stack protector: the function whose stack was smashed.
        assertEquals("copy_name", signature("Linux",
                "libc.so.6!raise", "libc.so.6!abort", "libc.so.6!__libc_message", "libc.so.6!__fortify_fail",
                "libc.so.6!__stack_chk_fail", "app!copy_name", "app!main").signature());
    }

    @Test
    void vdsoFrames() {
        assertTrue(irrelevant.matches("linux-gate.so"));
        assertTrue(irrelevant.matches("linux-vdso.so.1"));
        // Only the module itself, not a library whose name starts the same way.
        assertFalse(irrelevant.matches("linux-gate.so.helper"));
        assertTrue(irrelevant.matches("__kernel_rt_sigreturn"));
        assertEquals("worker_loop", signature("Linux", "linux-vdso.so.1@0x9a5", "app!worker_loop").signature());
    }

    @Test
    void cppTerminatePaths() {
        // libstdc++ with symbols.
        assertEquals("Parser::parse", signature("Linux",
                "libc.so.6!__pthread_kill_implementation", "libc.so.6!raise", "libc.so.6!abort",
                "libstdc++.so.6!__gnu_cxx::__verbose_terminate_handler()", "libstdc++.so.6!__cxxabiv1::__terminate(void (*)())",
                "libstdc++.so.6!std::terminate()", "libstdc++.so.6!__cxa_throw",
                "app!Parser::parse(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&)").signature());
        // libc++/libc++abi on macOS.
        assertEquals("Document::save", signature("Mac OS X",
                "libsystem_kernel.dylib!__pthread_kill", "libsystem_pthread.dylib!pthread_kill", "libsystem_c.dylib!abort",
                "libc++abi.dylib!abort_message", "libc++abi.dylib!demangling_terminate_handler()",
                "libobjc.A.dylib!_objc_terminate()", "libc++abi.dylib!std::__terminate(void (*)())",
                "libc++abi.dylib!std::terminate()", "libc++abi.dylib!__cxa_throw", "App!Document::save()").signature());
        // Unwinder frames on the way.
        assertTrue(irrelevant.matches("_Unwind_RaiseException"));
        assertTrue(irrelevant.matches("_Unwind_Resume"));
    }

    @Test
    void windowsExceptionsAndCrtFailures() {
        assertEquals("Config::Load", signature("Windows NT",
                "KERNELBASE.dll!RaiseException", "VCRUNTIME140.dll!_CxxThrowException", "app.exe!Config::Load(std::wstring const &)").signature());
        // Without symbols for the system DLLs (module names are lower-cased for Windows NT).
        assertEquals("Config::Load", signature("Windows NT",
                "KERNELBASE.dll@0x3a8b9", "VCRUNTIME140.dll@0x42a1", "app.exe!Config::Load").signature());
        assertEquals("CopyBuffer", signature("Windows NT",
                "ucrtbase.dll!_invoke_watson", "ucrtbase.dll!_invalid_parameter_noinfo_noreturn", "app.exe!CopyBuffer(char*,unsigned __int64)").signature());
        assertEquals("ParseRecord", signature("Windows NT", "app.exe!__report_gsfailure", "app.exe!ParseRecord").signature());
        assertEquals("Worker::Run", signature("Windows NT",
                "ucrtbase.dll!abort", "ucrtbase.dll!terminate", "app.exe!Worker::Run").signature());
    }

    @Test
    void macOsAbortAssertAndMalloc() {
        assertEquals("Document::save", signature("Mac OS X",
                "libsystem_kernel.dylib!__pthread_kill", "libsystem_pthread.dylib!pthread_kill", "libsystem_c.dylib!abort",
                "libsystem_c.dylib!__assert_rtn", "App!Document::save()").signature());
        assertEquals("free | Node::release", signature("Mac OS X",
                "libsystem_kernel.dylib!__pthread_kill", "libsystem_pthread.dylib!pthread_kill", "libsystem_c.dylib!abort",
                "libsystem_malloc.dylib!malloc_vreport", "libsystem_malloc.dylib!malloc_zone_error",
                "libsystem_malloc.dylib!free", "App!Node::release()").signature());
        assertEquals("-[Controller crash]", signature("Mac OS X",
                "libobjc.A.dylib!objc_exception_throw", "App!-[Controller crash]",
                "libdispatch.dylib!_dispatch_call_block_and_release", "libdispatch.dylib!_dispatch_client_callout").signature());
    }

    @Test
    void rustPanicMachinery() {
        assertEquals("core::option::expect_failed | myapp::config::load", rustSignature(
                "libc.so.6!__pthread_kill_implementation", "libc.so.6!raise", "libc.so.6!abort",
                "myapp!std::sys::pal::unix::abort_internal", "myapp!std::process::abort",
                "myapp!panic_abort::__rust_start_panic::abort", "myapp!rust_panic",
                "myapp!std::panicking::rust_panic_with_hook",
                "myapp!std::panicking::begin_panic_handler::{{closure}}",
                "myapp!std::sys::backtrace::__rust_end_short_backtrace<std::panicking::begin_panic_handler::{{closure}}, !>",
                "myapp!rust_begin_unwind", "myapp!core::panicking::panic_fmt::h6d3c9bd4a2b7e6f1",
                "myapp!core::option::expect_failed", "myapp!myapp::config::load", "myapp!myapp::main").signature());
    }

    @Test
    void chromiumChecksAndDumps() {
        assertEquals("content::RenderFrameHostImpl::DidCommitNavigation", signature("Windows NT",
                "electron.exe!base::ImmediateCrash()", "electron.exe!logging::CheckError::~CheckError()",
                "electron.exe!content::RenderFrameHostImpl::DidCommitNavigation(content::NavigationRequest*)").signature());
        assertEquals("app::ReportProblem", signature("Linux",
                "app!crashpad::CrashpadClient::DumpWithoutCrash(crashpad::NativeCPUContext*)",
                "app!base::debug::DumpWithoutCrashing()", "app!app::ReportProblem()").signature());
        assertEquals("request_dump_inner", signature("Linux",
                "crashgen!google_breakpad::ExceptionHandler::WriteMinidump()", "crashgen!request_dump_inner").signature());
    }

    @Test
    void chromiumOutOfMemoryNamesTheCaller() {
        SignatureResult result = signature("Windows NT",
                "chrome.dll!partition_alloc::internal::OnNoMemoryInternal(unsigned __int64)",
                "chrome.dll!partition_alloc::TerminateBecauseOutOfMemory(unsigned __int64)",
                "chrome.dll!partition_alloc::internal::OnNoMemory(unsigned __int64)",
                "chrome.dll!partition_alloc::internal::PartitionExcessiveAllocationSize(unsigned __int64)",
                "chrome.dll!blink::ArrayBufferContents::AllocateMemoryOrNull(unsigned __int64)");
        assertEquals("OOM | unknown | blink::ArrayBufferContents::AllocateMemoryOrNull", result.signature());
    }

    @Test
    void pinnedEntriesDoNotSwallowApplicationNames() {
        assertFalse(irrelevant.matches("raise_alarm"));
        assertFalse(irrelevant.matches("abort_transaction"));
        assertFalse(irrelevant.matches("terminate_session"));
        assertFalse(irrelevant.matches("alloc::raw_vec::capacity_overflow"));
    }
}
