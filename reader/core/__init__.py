"""The Textual-free core: article model and importer, segmentation and pinyin, glossary and
dictionary, interlinear layout. Nothing in this package may import Textual (a test enforces it)."""
