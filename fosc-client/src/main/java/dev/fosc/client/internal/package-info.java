/**
 * Internals of the fosc client: pipeline handlers, request matching, keepalive, reconnect backoff, delivery
 * and back-pressure. Not API: anything here may change without notice.
 *
 * <p>Threading: every class here is used on one session's event loop only, unless it says otherwise.
 */
package dev.fosc.client.internal;
