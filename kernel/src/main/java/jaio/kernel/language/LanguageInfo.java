package jaio.kernel.language;

/** The {@code language_info} of kernel_info_reply; {@code pygmentsLexer}, {@code codemirrorMode} and {@code nbconvertExporter} may be null. */
public record LanguageInfo(
        String name,
        String version,
        String mimetype,
        String fileExtension,
        String pygmentsLexer,
        String codemirrorMode,
        String nbconvertExporter) {
}
