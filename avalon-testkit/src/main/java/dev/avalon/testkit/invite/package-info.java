/** A fake {@link dev.avalon.core.port.InviteRenderer} for tests of engines that send invitations. */
package dev.avalon.testkit.invite;
