package org.onedoor.platform.routing;

import java.util.Collection;
import java.util.Set;

/** Which users can sign in now (an existing, unlocked account with a password someone was given). */
public interface UsableAccounts {

  /** The ids among {@code userIds} whose accounts can sign in now. */
  Set<String> usable(Collection<String> userIds);
}
