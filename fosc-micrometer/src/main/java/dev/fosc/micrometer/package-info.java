/**
 * Micrometer meters for fosc: {@link dev.fosc.micrometer.FoscMicrometer} binds a
 * {@link dev.fosc.client.FoscClient}'s counters to a {@code MeterRegistry}, per camera or as the client's totals
 * ({@link dev.fosc.micrometer.FoscMeterOptions}). An optional module: fosc-client itself does not depend on
 * Micrometer, and its plain snapshots ({@code FoscClient.stats()}, {@code FoscSession.stats()}) are what these
 * meters read.
 */
package dev.fosc.micrometer;
