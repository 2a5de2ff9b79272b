package ner

import (
	"path/filepath"

	"github.com/parallax-news/parallax/internal/entity"
)

// TrainingDocs loads the gold the entity tagger is trained on, from the
// data root: GUM's train split (texts CC BY 2.5, annotations CC BY 4.0),
// CrossNER politics dev.txt (MIT; Wikipedia text CC BY-SA) and MEANTIME
// (CC BY 4.0) without the topic named by skipTopic ("corpus_airbus"...;
// "" keeps all), so that a model can be scored on a topic it never saw.
func TrainingDocs(root, skipTopic string) ([]entity.TrainDoc, error) {
	gum, err := GUM(filepath.Join(root, "eval", "gum-news"))
	if err != nil {
		return nil, err
	}
	cross, err := CrossNER(filepath.Join(root, "eval", "crossner-politics", "dev.txt"))
	if err != nil {
		return nil, err
	}
	mt, err := Meantime(filepath.Join(root, "eval", "meantime"))
	if err != nil {
		return nil, err
	}
	var out []entity.TrainDoc
	add := func(d Doc) { out = append(out, AsTrainDoc(d)) }
	for _, d := range gum {
		if d.Split == "train" {
			add(d)
		}
	}
	for _, d := range cross {
		add(d)
	}
	for _, d := range mt {
		if skipTopic == "" || d.Topic != skipTopic {
			add(d)
		}
	}
	return out, nil
}

// AsTrainDoc converts a gold document to the tagger's training form.
func AsTrainDoc(d Doc) entity.TrainDoc {
	td := entity.TrainDoc{Text: d.Text, Ignore: d.Ignore, Scored: d.Scored}
	for _, m := range d.Gold {
		k := entity.Other
		switch m.Type {
		case Person:
			k = entity.Person
		case Organization:
			k = entity.Organization
		case Location:
			k = entity.Place
		}
		td.Names = append(td.Names, entity.TrainName{Span: m.Span, Kind: k})
	}
	return td
}
