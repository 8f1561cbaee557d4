-- The disclosure projection (issue 7) holds a draw from its commitment on, not only once drawn: the
-- commitment published with the plan (draw.DrawCommitted), the population hash after the freeze
-- (draw.DrawFrozen), the record after the draw (draw.DrawPublished), under the same draw id.
-- state: COMMITTED, FROZEN, DRAWN. commitment is the commitment published before the draw;
-- commitment_matches says whether the drawn record carries that same commitment (NULL until drawn,
-- or when no commitment was published before). drawn_at, arisen_on and deadline arise with the draw.
ALTER TABLE public_draw ADD COLUMN state VARCHAR(12) DEFAULT 'DRAWN' NOT NULL;
ALTER TABLE public_draw ADD COLUMN committed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE public_draw ADD COLUMN commitment_matches BOOLEAN;
ALTER TABLE public_draw ALTER COLUMN drawn_at DROP NOT NULL;
ALTER TABLE public_draw ALTER COLUMN arisen_on DROP NOT NULL;
ALTER TABLE public_draw ALTER COLUMN deadline DROP NOT NULL;
-- The newest change of the record (erratum or withdrawal); version 1 is the publication itself.
ALTER TABLE public_draw ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE public_draw ADD COLUMN change_kind VARCHAR(12) DEFAULT 'ORIGINAL' NOT NULL;
ALTER TABLE public_draw ADD COLUMN change_reason VARCHAR(2000);
ALTER TABLE public_draw ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;

-- A draw record is never edited (it is verified byte for byte): a correction is an erratum note
-- (CORRECTION), a withdrawal (WITHDRAWAL) marks it annulled; each is a version from 2 on.
CREATE TABLE public_draw_change (
    draw_id       VARCHAR(60)   NOT NULL,
    version       INTEGER       NOT NULL,
    change_kind   VARCHAR(12)   NOT NULL,
    change_reason VARCHAR(2000) NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_draw_change_pk PRIMARY KEY (draw_id, version)
);

-- Plans: a correction (public text fields) or a withdrawal is a new version; the row holds the
-- newest content, public_plan_version (V62) every version once there is more than one.
ALTER TABLE public_plan ADD COLUMN remarks VARCHAR(2000);
ALTER TABLE public_plan ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE public_plan ADD COLUMN change_kind VARCHAR(12) DEFAULT 'ORIGINAL' NOT NULL;
ALTER TABLE public_plan ADD COLUMN change_reason VARCHAR(2000);
ALTER TABLE public_plan ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;

-- Upgraded installs: commitments made before the projection held them. A batch committed (or
-- frozen) but not drawn gets its public record exactly as the draw feature published it (no nonce
-- before the draw); a drawn batch already in the projection gets the moment of its commitment and
-- whether its record carries the commitment published before the draw.
INSERT INTO public_draw (draw_id, plan_number, batch, state, commitment, committed_at, record_json, published_at)
SELECT p.id, p.plan_number, p.batch, p.state, c.commitment, c.committed_at, p.public_json, c.committed_at
  FROM draw_publication p
  JOIN draw_commitment c ON c.plan_number = p.plan_number AND c.batch = p.batch
 WHERE p.state <> 'DRAWN'
   AND NOT EXISTS (SELECT 1 FROM public_draw d WHERE d.draw_id = p.id);

UPDATE public_draw SET
    commitment_matches = (SELECT CASE WHEN c.commitment = public_draw.commitment THEN TRUE ELSE FALSE END
                            FROM draw_commitment c
                           WHERE c.plan_number = public_draw.plan_number AND c.batch = public_draw.batch),
    committed_at = (SELECT c.committed_at FROM draw_commitment c
                     WHERE c.plan_number = public_draw.plan_number AND c.batch = public_draw.batch)
 WHERE state = 'DRAWN' AND committed_at IS NULL
   AND EXISTS (SELECT 1 FROM draw_commitment c
                WHERE c.plan_number = public_draw.plan_number AND c.batch = public_draw.batch);
UPDATE public_draw SET
    commitment = (SELECT c.commitment FROM draw_commitment c
                   WHERE c.plan_number = public_draw.plan_number AND c.batch = public_draw.batch)
 WHERE state = 'DRAWN' AND commitment_matches = FALSE;
