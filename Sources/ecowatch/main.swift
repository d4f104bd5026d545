print("ecowatch")
