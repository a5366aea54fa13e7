package io.drover.tree;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A tree's URL is recorded in the run's events: one with credentials in it is refused, without repeating them. */
class GitUrlsTest {
    @Test
    void credentialsInAUrlAreRefusedAndNotRepeated() {
        assertThatThrownBy(() -> GitUrls.requireNoCredentials("https://oauth2:glpat-SECRET@gitlab.example/a/b.git"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("the tree's URL https://***@gitlab.example/a/b.git carries credentials")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("oauth2");
        assertThatThrownBy(() -> GitUrls.requireNoCredentials("https://ghp_SECRET@github.com/a/b"))
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> GitUrls.requireNoCredentials("ssh://git:SECRET@host/a"))
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void urlsWithoutCredentialsPass() {
        for (String url : new String[] {"https://github.com/a/b.git", "ssh://git@host/a", "git@host:a/b.git",
                "file:///srv/git/a", "https://host/a@b", "/some/path"}) {
            assertThatCode(() -> GitUrls.requireNoCredentials(url)).as(url).doesNotThrowAnyException();
        }
    }
}
