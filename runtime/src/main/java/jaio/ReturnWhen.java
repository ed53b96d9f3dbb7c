package jaio;

/** When {@link Tasks#wait} returns: asyncio's FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED. */
public enum ReturnWhen {
    FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED
}
