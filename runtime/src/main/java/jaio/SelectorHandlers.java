package jaio;

import java.nio.channels.SelectionKey;

/** What the loop's selector calls when a registered channel is ready (the I/O layer implements it). */
interface SelectorHandlers {
    void ready(SelectionKey key, Loop loop);
}
