package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "批量列入": lists one chunk ({@code onedoor.listing.sweep.chunk-size}, or the instance variable
 * {@code sweepChunkSize} set in Cockpit) and shows {@code sweepDone} / {@code candidates}; the model
 * loops, each round its own async job and transaction.
 */
@Component
public class ListSweepChunkDelegate implements JavaDelegate {

  private final ListingSweep sweeps;
  private final ListingProperties properties;

  public ListSweepChunkDelegate(ListingSweep sweeps, ListingProperties properties) {
    this.sweeps = sweeps;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object size = execution.getVariable("sweepChunkSize");
    int chunkSize = size instanceof Number n ? n.intValue() : properties.sweep().chunkSize();
    ListingSweep.Progress progress = sweeps.listChunk(((Number) execution.getVariable("sweepId")).longValue(),
        chunkSize, ListingVariables.now());
    execution.setVariable("sweepDone", progress.done());
    execution.setVariable("sweepComplete", progress.complete());
  }
}
