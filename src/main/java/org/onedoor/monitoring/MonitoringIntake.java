package org.onedoor.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in checked readings (from {@code POST /api/v1/monitoring/records} or a batch of an uploaded
 * file), in one transaction: refuses those the submitter may not send (another department's source)
 * and those of businesses not in the directory, stores the rest once each (a reading sent again is a
 * duplicate, not an error), and evaluates the source's rules on them, raising warnings.
 */
@Service
public class MonitoringIntake {

  /** A reading with its position in the request (the array index, or the file's row number). */
  public record Candidate(long position, Reading reading) {}

  /** A reading refused after parsing: its position, the field and why. */
  public record Refusal(long position, String field, String reason) {}

  /** Who sends: the user and their groups. */
  public record Submitter(String user, Collection<String> groups) {}

  /** What an intake did. */
  public record Outcome(int stored, int duplicates, List<Refusal> refusals, int warningsRaised) {}

  private final MonitoringStore store;
  private final MonitoringSources sources;
  private final EntityDirectory directory;
  private final MonitoringEvaluation evaluation;

  MonitoringIntake(MonitoringStore store, MonitoringSources sources, EntityDirectory directory,
      MonitoringEvaluation evaluation) {
    this.store = store;
    this.sources = sources;
    this.directory = directory;
    this.evaluation = evaluation;
  }

  /**
   * A REST call: stores and evaluates the candidates in one transaction with the intake's record;
   * {@code refusedBefore} readings of the call were refused while parsing (counted in the intake).
   */
  @Transactional
  public Outcome ingestCall(List<Candidate> candidates, int refusedBefore, Submitter submitter, Instant now) {
    long intake = store.createIntake("api", null, submitter.user(), now);
    return ingest(intake, candidates, refusedBefore, submitter, now);
  }

  /** A batch of an uploaded file (import {@code importId}), in the batch's transaction. */
  @Transactional
  public Outcome ingestUpload(long importId, List<Candidate> candidates, Submitter submitter, Instant now) {
    long intake = store.intakeOfImport(importId, submitter.user(), now);
    return ingest(intake, candidates, 0, submitter, now);
  }

  private Outcome ingest(long intake, List<Candidate> candidates, int refusedBefore, Submitter submitter,
      Instant now) {
    List<Refusal> refusals = new ArrayList<>();
    Set<String> usccs = new HashSet<>();
    candidates.forEach(c -> usccs.add(c.reading().uscc()));
    Map<String, EntityDirectory.NameAndStatus> names = usccs.isEmpty() ? Map.of() : directory.namesOf(usccs);
    Map<String, Boolean> allowed = new HashMap<>();
    List<Reading> accepted = new ArrayList<>(candidates.size());
    Set<Reading.Key> seen = new HashSet<>();
    int duplicates = 0;
    for (Candidate c : candidates) {
      Reading r = c.reading();
      Source source = sources.find(r.source()).orElseThrow();
      if (!allowed.computeIfAbsent(source.code(), k -> MonitoringSources.maySubmit(source, submitter.user(), submitter.groups()))) {
        refusals.add(new Refusal(c.position(), "source", "无权提交“" + source.name() + "”的监测数据：只有该来源所属部门的人员、"
            + "监测平台账号或系统管理员可以提交"));
      } else if (!names.containsKey(r.uscc())) {
        refusals.add(new Refusal(c.position(), "uscc", "检查对象名录中没有统一社会信用代码 " + r.uscc()
            + "，请先在名录中登记该企业"));
      } else if (!seen.add(r.key())) {
        duplicates++; // the same reading twice in one submission
      } else {
        accepted.add(r);
      }
    }
    int stored = 0;
    if (!accepted.isEmpty()) {
      boolean[] inserted = store.insertNew(accepted, intake);
      for (boolean b : inserted) {
        if (b) {
          stored++;
        } else {
          duplicates++;
        }
      }
      store.ensureSeries(accepted, now);
    }
    int warnings = accepted.isEmpty() ? 0 : evaluation.onReadings(accepted, names, now);
    store.addToIntake(intake, candidates.size() + refusedBefore, stored, duplicates, refusals.size() + refusedBefore,
        warnings);
    return new Outcome(stored, duplicates, List.copyOf(refusals), warnings);
  }
}
