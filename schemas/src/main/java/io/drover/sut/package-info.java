/**
 * Where a SUT is: {@link io.drover.sut.SutAddress}, shared by the pool file, the jobs and the
 * worker that connects to it.
 */
package io.drover.sut;
