"""The recognition weights are fitted, not hand-set: scripts/fit_place_weights.py refits them
on the project's own annotated texts (eval/own, eval/train) and must reproduce the committed
table; the product applies them without scikit-learn."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "fit_place_weights.py"


def _script():
    spec = importlib.util.spec_from_file_location("fit_place_weights", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_refitting_reproduces_the_committed_weights():
    pytest.importorskip("sklearn", reason="scikit-learn is in requirements.txt (tests)")
    fit = _script()
    committed = json.loads(fit.TABLE.read_text(encoding="utf-8"))
    refitted = fit.fit()
    assert refitted["recognition_model"] == committed["recognition_model"]
    assert fit.dump(refitted) == fit.TABLE.read_text(encoding="utf-8")


def test_the_training_texts_are_the_projects_own_never_the_holdout(tmp_path):
    fit = _script()
    assert [p.name for p in fit.TRAINING] == ["own", "train"]
    docs = fit.gold_documents()
    assert len(docs) >= 60 and {d["lang"] for d in docs} == {"ar", "en"}
    assert not any(d["id"].startswith("ho-") for d in docs)
    with pytest.raises(ValueError):
        fit.gold_documents([ROOT / "eval" / "holdout"])


def test_rows_label_gold_surfaces(gazetteer):
    fit = _script()
    doc = {"lang": "en", "text": "Police in Tifton said Mary Turner left Georgia. Turner said no.",
           "places": [{"surface": ["Tifton"], "optional": False}, {"surface": ["Georgia"], "optional": True}]}
    X, y = fit.rows([doc], gazetteer)
    assert 1 in y and 0 in y       # Tifton is a place; Turner, a surname, is not
    assert len(X) == len(y) and all(len(x) == len(fit.FEATURES) for x in X)


def test_the_product_runs_without_scikit_learn():
    code = ("import sys; from extract.places import find_places; "
            "find_places('Floods hit Tifton, Georgia.', 'en'); "
            "assert not [m for m in sys.modules if m.startswith('sklearn')]")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
