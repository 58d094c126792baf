package dev.sluice.store;

import java.util.Optional;

/**
 * The refresh itself, run by {@link TokenStore#refreshLocked} while it holds the connection's token row lock.
 * It sees the tokens as they are now (perhaps just refreshed by another process) and says what to save. An
 * exception it throws rolls the transaction back and comes out of {@code refreshLocked}. Called on the caller's
 * thread, one call at a time per connection; an implementation need not be thread-safe for that call.
 */
@FunctionalInterface
public interface RefreshWork {
    /**
     * @param current the stored tokens, or empty when none are held
     * @param status the stored metadata
     * @return what to save
     */
    RefreshResult refresh(Optional<TokenSet> current, TokenStatus status);
}
