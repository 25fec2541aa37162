/**
 * Authentication plugins, one small class each with its formula in the Javadoc and fixed-vector tests,
 * and the caching_sha2_password state machine the relay runs when the client's and the server's legs
 * differ in TLS.
 */
package io.schemagate.mysql.auth;
