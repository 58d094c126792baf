/**
 * Sluice core: {@link dev.sluice.core.Secret}, the exception tree ({@link dev.sluice.core.SluiceException}
 * classified by {@link dev.sluice.core.ErrorKind}) and the Dataverse protocol constants shared by the
 * client and the emulator.
 */
package dev.sluice.core;
