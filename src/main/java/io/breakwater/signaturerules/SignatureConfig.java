package io.breakwater.signaturerules;

import io.breakwater.signature.SignatureGenerator;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** How crashes are signed ({@code breakwater.signature.*}): the configured lists and the rule options. */
@ConfigMapping(prefix = "breakwater.signature")
public interface SignatureConfig {

    /** A directory of signature list files in place of the included ones; blank means the included ones. */
    Optional<String> listsDir();

    /** Socorro's signatures exactly, without Breakwater's refinements. */
    @WithDefault("false")
    boolean socorroCompatible();

    /** The configured lists directory, when one is set and not blank. */
    default Optional<Path> listsDirectory() {
        return listsDir().map(String::strip).filter(dir -> !dir.isEmpty()).map(Path::of);
    }

    default SignatureGenerator.Options options() {
        return socorroCompatible() ? SignatureGenerator.Options.SOCORRO : SignatureGenerator.Options.BREAKWATER;
    }
}
