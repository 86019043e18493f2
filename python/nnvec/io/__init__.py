"""Data and pictures: the bundled and downloaded data sets (`data`), files written
aside and renamed (`files`), weight files and image grids (`display`), confusion
matrices and the misclassified examples (`evaluate`)."""
