package dev.arbiter.api.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Web pages: browser sessions, grade report paging, suite zip limits. */
@ConfigMapping(prefix = "arbiter.web")
public interface WebConfig {

  /** Browser sessions opened by signing in with an API token. */
  Session session();

  /**
   * Who may show the pages in a frame: the CSP {@code frame-ancestors} source list. Set it to the
   * LMS origins (e.g. {@code 'self' https://moodle.example.edu}) to stop other sites from framing
   * the pages (clickjacking); the default lets any LMS embed them.
   */
  @WithDefault("*")
  String frameAncestors();

  /** Grade report pages. */
  Report report();

  /** Suite zips uploaded by instructors. */
  SuiteZip suiteZip();

  /** Browser sessions. */
  interface Session {

    /**
     * Name of the session cookie, whether the sign-in page or an LTI launch opened the session.
     */
    @WithDefault("arbiter_session")
    String cookieName();

    /** A session unused for this long ends. */
    @WithDefault("PT8H")
    Duration idleTimeout();

    /** A session ends this long after sign-in, however busy. */
    @WithDefault("P7D")
    Duration maxLifetime();

    /**
     * Send the cookie with {@code Secure}. Keep it on: browsers treat http://localhost as
     * secure, so local use and tests still work.
     */
    @WithDefault("true")
    boolean secureCookie();
  }

  /** Grade reports. */
  interface Report {

    /** Students per page of a grade report table. */
    @WithDefault("50")
    int pageSize();
  }

  /** Suite zip limits; every size is checked against bytes actually read, not zip headers. */
  interface SuiteZip {

    /** Largest zip accepted, in bytes. */
    @WithDefault("8388608")
    long maxZipBytes();

    /** Largest total of unpacked files, in bytes. */
    @WithDefault("16777216")
    long maxUnpackedBytes();

    /** Largest single unpacked file, in bytes. */
    @WithDefault("4194304")
    long maxFileBytes();

    /** Most entries (files and folders) in one zip. */
    @WithDefault("2000")
    int maxEntries();
  }
}
