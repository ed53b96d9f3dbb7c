package jaio.kernel.session;

/** The {@code language_info} of kernel_info_reply. */
public record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                           String pygmentsLexer, String codemirrorMode) {
    static LanguageInfo ofRunningJdk() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jsh", "java", "text/x-java");
    }
}
