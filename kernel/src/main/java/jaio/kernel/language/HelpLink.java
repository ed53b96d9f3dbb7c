package jaio.kernel.language;

/** One entry of kernel_info_reply's {@code help_links}. */
public record HelpLink(String text, String url) {
}
